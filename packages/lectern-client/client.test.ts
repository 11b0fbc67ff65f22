import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { browserTokenStorage, createLecternClient, LecternError, memoryTokenStorage } from "./index";

/**
 * The client against a real HTTP server on 127.0.0.1 that answers the way Lectern's routes do
 * (Better Auth's get-session and sign-out, the contract's sign-in and personalize, its error
 * envelope). Real fetch, real sockets, real headers; the journeys in e2e/book.spec.ts drive the
 * same client against Lectern itself in Chromium.
 */
type Seen = { method: string; path: string; query: URLSearchParams; authorization?: string; body: string };
const seen: Seen[] = [];
const liveTokens = new Set(["token-alice"]);

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const body = await readBody(request);
  seen.push({ method: request.method ?? "", path: url.pathname, query: url.searchParams, authorization: request.headers.authorization, body });
  const token = request.headers.authorization?.replace(/^Bearer /, "");
  switch (url.pathname) {
    case "/api/auth/get-session":
      if (token && liveTokens.has(token)) {
        return send(
          response,
          200,
          { user: { id: "u1", email: "alice@example.org", name: "" }, session: { expiresAt: "2030-01-01T00:00:00.000Z" } },
          { "set-auth-token": token },
        );
      }
      return send(response, 200, null);
    case "/api/v1/personalize": {
      const q = url.searchParams.get("q");
      if (q && q.length > 500) {
        return send(response, 400, { error: { code: "INVALID_INPUT", message: "Invalid q: too long", details: { field: "q", reason: "too long" } } });
      }
      const reader = token && liveTokens.has(token);
      return send(response, 200, {
        personalized: Boolean(reader),
        engine: "postgres",
        profile: reader ? { background: { software_experience: "beginner", programming_background: "none", hardware_knowledge: "advanced" } } : null,
        results: [
          {
            id: "c1",
            title: "Motors",
            url: "/docs/actuators/motors#torque",
            chapter: "actuators",
            section: "Torque",
            level: "advanced",
            tracks: ["hardware"],
            snippet: "…",
            score: 1.5,
            reasons: reader ? ["matches your advanced hardware background"] : [],
          },
        ],
        ...(reader ? {} : { signup_prompt: "Sign up to see the book ranked for your background." }),
      });
    }
    case "/api/v1/auth/signin": {
      const { email, password } = JSON.parse(body) as { email: string; password: string };
      if (password !== "correct horse") {
        return send(response, 401, { error: { code: "INVALID_CREDENTIALS", message: "Wrong email or password." } });
      }
      liveTokens.add("token-signed-in");
      // A reader whose account began without a background (school sign-in, a passkey): the contract says where to answer.
      return send(response, 200, {
        user_id: "u2",
        email,
        session_token: "token-signed-in",
        background: null,
        profile_complete: false,
        complete_profile_url: "http://localhost:3000/welcome",
        device_token: `device-of-${email}`,
      });
    }
    case "/api/auth/sign-out":
      if (token) liveTokens.delete(token);
      return token ? send(response, 200, { success: true }) : send(response, 401, { code: "UNAUTHORIZED", message: "No session" });
    case "/cookie-session":
      // Better Auth refreshing a cookie session: the bearer plugin copies the new token into the header.
      return send(response, 200, { user: { id: "u3", email: "dana@example.org" } }, { "set-auth-token": "token-from-cookie" });
    case "/slow":
      return; // never answers
    case "/rate-limited":
      return send(response, 429, { error: { code: "RATE_LIMITED", message: "Too many requests." } }, { "retry-after": "42" });
    case "/proxy-error":
      response.writeHead(502, { "content-type": "text/html" });
      return response.end("<html><body>Bad gateway</body></html>");
    default:
      return send(response, 404, { error: { code: "INVALID_INPUT", message: "No such route." } });
  }
});

let baseUrl = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe("Lectern client", () => {
  it("returns the signed-in reader for a live bearer token", async () => {
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: memoryTokenStorage("token-alice") });
    const session = await client.session();
    expect(session).toEqual({ reader: { id: "u1", email: "alice@example.org", name: null }, expiresAt: "2030-01-01T00:00:00.000Z" });
    expect(seen[0]?.authorization).toBe("Bearer token-alice");
  });

  it("treats an unknown token as a guest and forgets it", async () => {
    const tokens = memoryTokenStorage("token-revoked");
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: tokens });
    expect(await client.session()).toBeNull();
    expect(tokens.get()).toBeNull();
  });

  it("never sends a stored token in cookie mode", async () => {
    const tokens = memoryTokenStorage("token-alice");
    const client = createLecternClient({ baseUrl, credentials: "cookie", tokenStorage: tokens });
    expect(await client.session()).toBeNull();
    expect(seen[0]?.authorization).toBeUndefined();
    expect(tokens.get()).toBe("token-alice");
  });

  it("does not copy a refreshed cookie session into storage in auto mode", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl: `${baseUrl}/cookie-session#`, tokenStorage: tokens });
    expect(await client.session()).toMatchObject({ reader: { id: "u3" } });
    expect(tokens.get()).toBeNull();
    await client.session();
    expect(seen.map((request) => request.authorization)).toEqual([undefined, undefined]);
  });

  it("never stores a set-auth-token header in cookie mode", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl: `${baseUrl}/cookie-session#`, credentials: "cookie", tokenStorage: tokens });
    await client.session();
    expect(tokens.get()).toBeNull();
  });

  it("refreshes a token it already holds in auto mode, and always keeps one in bearer mode", async () => {
    const held = memoryTokenStorage("token-old");
    await createLecternClient({ baseUrl: `${baseUrl}/cookie-session#`, tokenStorage: held }).session();
    expect(held.get()).toBe("token-from-cookie");
    const bearer = memoryTokenStorage();
    await createLecternClient({ baseUrl: `${baseUrl}/cookie-session#`, credentials: "bearer", tokenStorage: bearer }).session();
    expect(bearer.get()).toBe("token-from-cookie");
  });

  it("keeps the token from a contract sign-in in auto mode", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl, tokenStorage: tokens });
    await client.signIn({ email: "erin@example.org", password: "correct horse" });
    expect(tokens.get()).toBe("token-signed-in");
  });

  it("keeps the device token of a sign-in and presents it on the next one; cookie mode leaves it to the cookie", async () => {
    const devices = memoryTokenStorage();
    const client = createLecternClient({ baseUrl, tokenStorage: memoryTokenStorage(), deviceStorage: devices });
    await client.signIn({ email: "erin@example.org", password: "correct horse" });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ email: "erin@example.org", password: "correct horse" });
    expect(devices.get()).toBe("device-of-erin@example.org");
    await client.signIn({ email: "erin@example.org", password: "correct horse" });
    expect(JSON.parse(seen.at(-1)!.body).device_token).toBe("device-of-erin@example.org");
    const cookieDevices = memoryTokenStorage("kept-elsewhere");
    const cookieClient = createLecternClient({ baseUrl, credentials: "cookie", deviceStorage: cookieDevices });
    await cookieClient.signIn({ email: "erin@example.org", password: "correct horse" });
    expect(JSON.parse(seen.at(-1)!.body).device_token).toBeUndefined();
    expect(cookieDevices.get()).toBe("kept-elsewhere");
  });

  it("passes q, chapter and limit to personalize and returns Lectern's answer", async () => {
    const client = createLecternClient({ baseUrl, tokenStorage: memoryTokenStorage("token-alice") });
    const answer = await client.personalize({ q: "  torque control ", chapter: "actuators", limit: 3 });
    expect(Object.fromEntries(seen[0]!.query)).toEqual({ q: "torque control", chapter: "actuators", limit: "3" });
    expect(answer.personalized).toBe(true);
    expect(answer.results[0]?.reasons).toEqual(["matches your advanced hardware background"]);
  });

  it("gives a guest the unweighted answer with the sign-up prompt", async () => {
    const client = createLecternClient({ baseUrl, tokenStorage: memoryTokenStorage() });
    const answer = await client.personalize({ chapter: "actuators" });
    expect(seen[0]?.authorization).toBeUndefined();
    expect(answer.personalized).toBe(false);
    expect(answer.signup_prompt).toMatch(/sign up/i);
  });

  it("turns the error envelope into a LecternError with code, status and field", async () => {
    const client = createLecternClient({ baseUrl, tokenStorage: memoryTokenStorage() });
    const failure = await client.personalize({ q: "x".repeat(501) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LecternError);
    expect(failure).toMatchObject({ code: "INVALID_INPUT", status: 400, details: { field: "q" }, isOutage: false });
  });

  it("keeps the token from a contract sign-in and sends it afterwards", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: tokens });
    const signedIn = await client.signIn({ email: "bob@example.org", password: "correct horse" });
    expect(signedIn).toStrictEqual({
      user_id: "u2",
      email: "bob@example.org",
      background: null,
      profile_complete: false,
      complete_profile_url: "http://localhost:3000/welcome",
    });
    expect(tokens.get()).toBe("token-signed-in");
    await client.personalize();
    expect(seen.at(-1)?.authorization).toBe("Bearer token-signed-in");
  });

  it("reports wrong credentials as INVALID_CREDENTIALS and keeps no token", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: tokens });
    await expect(client.signIn({ email: "bob@example.org", password: "wrong" })).rejects.toMatchObject({ code: "INVALID_CREDENTIALS", status: 401 });
    expect(tokens.get()).toBeNull();
  });

  it("signs out on Lectern, after which the token no longer opens a session", async () => {
    liveTokens.add("token-carol");
    const tokens = memoryTokenStorage("token-carol");
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: tokens });
    await client.signOut();
    expect(tokens.get()).toBeNull();
    expect(liveTokens.has("token-carol")).toBe(false);
  });

  it("forgets the token even when Lectern refuses the sign-out", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl, credentials: "bearer", tokenStorage: tokens });
    await expect(client.signOut()).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    expect(tokens.get()).toBeNull();
  });

  it("gives up with TIMEOUT when Lectern does not answer in time", async () => {
    const client = createLecternClient({ baseUrl: `${baseUrl}/slow#`, timeoutMs: 150, tokenStorage: memoryTokenStorage() });
    const started = Date.now();
    await expect(client.session()).rejects.toMatchObject({ code: "TIMEOUT", isOutage: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports ABORTED when the caller cancels, not an outage", async () => {
    const client = createLecternClient({ baseUrl: `${baseUrl}/slow#`, tokenStorage: memoryTokenStorage() });
    const controller = new AbortController();
    const pending = client.personalize({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: "ABORTED", isOutage: false });
  });

  it("reports UNREACHABLE when nothing listens", async () => {
    const client = createLecternClient({ baseUrl: await closedPortUrl(), tokenStorage: memoryTokenStorage() });
    await expect(client.session()).rejects.toMatchObject({ code: "UNREACHABLE", status: null, isOutage: true });
  });

  it("reads Retry-After on RATE_LIMITED and BAD_RESPONSE for a proxy's HTML page", async () => {
    const limited = createLecternClient({ baseUrl: `${baseUrl}/rate-limited#`, tokenStorage: memoryTokenStorage() });
    await expect(limited.session()).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterSeconds: 42 });
    const proxied = createLecternClient({ baseUrl: `${baseUrl}/proxy-error#`, tokenStorage: memoryTokenStorage() });
    await expect(proxied.session()).rejects.toMatchObject({ code: "BAD_RESPONSE", status: 502, isOutage: true });
  });

  it("builds Lectern page links that carry the book page to come back to", () => {
    const client = createLecternClient({ baseUrl: "http://localhost:3000/", tokenStorage: memoryTokenStorage() });
    const returnTo = "http://localhost:3001/docs/actuators/motors?x=1#torque";
    const url = new URL(client.signUpUrl(returnTo));
    expect(url.origin + url.pathname).toBe("http://localhost:3000/sign-up");
    expect(url.searchParams.get("returnTo")).toBe(returnTo);
    expect(client.signInUrl(returnTo)).toContain("/sign-in?returnTo=http%3A%2F%2Flocalhost%3A3001");
    expect(client.accountUrl()).toBe("http://localhost:3000/account");
    expect(client.welcomeUrl(returnTo)).toBe(`http://localhost:3000/welcome?returnTo=${encodeURIComponent(returnTo)}`);
    expect(client.signOutUrl(returnTo)).toBe(`http://localhost:3000/sign-out?returnTo=${encodeURIComponent(returnTo)}`);
  });

  it("keeps a bearer token in memory where the page has no localStorage (server rendering)", () => {
    expect(typeof localStorage).toBe("undefined");
    const tokens = browserTokenStorage();
    expect(tokens.get()).toBeNull();
    tokens.set("token-x");
    expect(tokens.get()).toBe("token-x");
    tokens.set(null);
    expect(tokens.get()).toBeNull();
  });
});
