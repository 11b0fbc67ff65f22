import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, cookieHeaderOf, uniqueEmail, uniqueIp, type Answer, type CallOptions } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { expectDocumented } from "@/testing/openapi-check";
import { rateLimitRules } from "@/lib/rate-limit";

/**
 * The book's REST contract, every route × status, over real HTTP into the real handlers on a
 * real database. Each test is its own client (its own X-Forwarded-For address) so the rate
 * limits, which are per IP, only meet where a test means them to.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const background = { software_experience: "beginner", programming_background: "basic", hardware_knowledge: "none" } as const;
const newEmail = () => uniqueEmail();
const newIp = () => uniqueIp();
const call = (method: string, path: string, options: CallOptions = {}) => callJson(server.url, path, { ...options, method });

async function signUp(email = newEmail(), password = "correct horse battery") {
  const answer = await call("POST", "/api/v1/auth/signup", { body: { email, password, background } });
  expect(answer.status).toBe(201);
  return { email, password, token: answer.body.session_token as string, userId: answer.body.user_id as string };
}

describe("POST /api/v1/auth/signup", () => {
  it("creates the reader and answers 201 with a working session token", async () => {
    const email = newEmail();
    const answer = await call("POST", "/api/v1/auth/signup", { body: { email, password: "long enough pw", background } });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ email, profile_complete: true, background });
    expectDocumented("POST", "/api/v1/auth/signup", answer);
    const profile = await call("GET", "/api/v1/auth/profile", { token: answer.body.session_token });
    expect(profile.status).toBe(200);
  });

  it.each([
    ["email", { email: "not-an-email", password: "long enough pw", background }],
    ["password", { email: "a@example.org", password: "short77", background }],
    ["password", { email: "a@example.org", password: "x".repeat(129), background }],
    ["background", { email: "a@example.org", password: "long enough pw" }],
    ["background.hardware_knowledge", { email: "a@example.org", password: "long enough pw", background: { ...background, hardware_knowledge: undefined } }],
    ["background.software_experience", { email: "a@example.org", password: "long enough pw", background: { ...background, software_experience: "guru" } }],
    ["emailVerified", { email: "a@example.org", password: "long enough pw", background, emailVerified: true }],
    ["background.role", { email: "a@example.org", password: "long enough pw", background: { ...background, role: "admin" } }],
    ["password", { email: "a@example.org", password: 12345678, background }],
  ])("answers 400 INVALID_INPUT naming %s", async (field, body) => {
    const answer = await call("POST", "/api/v1/auth/signup", { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field } });
    expectDocumented("POST", "/api/v1/auth/signup", answer);
  });

  it("answers 400 for malformed JSON and for a non-JSON content type", async () => {
    const malformed = await call("POST", "/api/v1/auth/signup", { raw: '{"email":' });
    expect([malformed.status, malformed.body.error.details.field]).toEqual([400, "body"]);
    const form = await call("POST", "/api/v1/auth/signup", { raw: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([form.status, form.body.error.details.field]).toEqual([400, "content-type"]);
  });

  it("answers 413 in the envelope for an oversized body", async () => {
    const answer = await call("POST", "/api/v1/auth/signup", { body: { email: newEmail(), password: "x".repeat(40_000), background } });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("INVALID_INPUT");
  });

  it("answers 409 EMAIL_EXISTS for the same email in another letter case", async () => {
    const { email } = await signUp();
    const answer = await call("POST", "/api/v1/auth/signup", {
      body: { email: email.toUpperCase(), password: "another password", background },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe("EMAIL_EXISTS");
    expectDocumented("POST", "/api/v1/auth/signup", answer);
  });
});

describe("POST /api/v1/auth/signin", () => {
  it("answers 200 with a token and the background", async () => {
    const { email, password, userId } = await signUp();
    const answer = await call("POST", "/api/v1/auth/signin", { body: { email, password } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user_id: userId, email, background });
    expectDocumented("POST", "/api/v1/auth/signin", answer);
    expect((await call("GET", "/api/v1/auth/profile", { token: answer.body.session_token })).body.user_id).toBe(userId);
    // The token travels in the body; the bearer plugin's header goes only to bearer callers (issue 21, finding 3).
    expect(answer.headers.get("set-auth-token")).toBeNull();
  });

  it("answers 400 when the password is missing", async () => {
    const answer = await call("POST", "/api/v1/auth/signin", { body: { email: newEmail() } });
    expect([answer.status, answer.body.error.details.field]).toEqual([400, "password"]);
  });

  it("answers the same 401 for a wrong password and for an unknown email", async () => {
    const { email } = await signUp();
    const wrongPassword = await call("POST", "/api/v1/auth/signin", { body: { email, password: "not the password" } });
    const unknownEmail = await call("POST", "/api/v1/auth/signin", { body: { email: newEmail(), password: "not the password" } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body.error.code).toBe("INVALID_CREDENTIALS");
    expectDocumented("POST", "/api/v1/auth/signin", wrongPassword);
  });
});

describe("POST /api/v1/auth/signout", () => {
  it("ends the session: the token answers 401 afterwards", async () => {
    const { token } = await signUp();
    const answer = await call("POST", "/api/v1/auth/signout", { token });
    expect(answer.status).toBe(200);
    expectDocumented("POST", "/api/v1/auth/signout", answer);
    expect((await call("GET", "/api/v1/auth/profile", { token })).status).toBe(401);
  });

  it("answers 401 UNAUTHORIZED without a session", async () => {
    const answer = await call("POST", "/api/v1/auth/signout");
    expect([answer.status, answer.body.error.code]).toEqual([401, "UNAUTHORIZED"]);
    expectDocumented("POST", "/api/v1/auth/signout", answer);
  });
});

describe("GET and PUT /api/v1/auth/profile", () => {
  it("returns the profile with timestamps", async () => {
    const { token, userId, email } = await signUp();
    const answer = await call("GET", "/api/v1/auth/profile", { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user_id: userId, email, background, profile_completed: true });
    expectDocumented("GET", "/api/v1/auth/profile", answer);
  });

  it("answers 401 for a missing or made-up token", async () => {
    expect((await call("GET", "/api/v1/auth/profile")).status).toBe(401);
    const forged = await call("GET", "/api/v1/auth/profile", { token: "made-up-token" });
    expect([forged.status, forged.body.error.code]).toEqual([401, "UNAUTHORIZED"]);
    expectDocumented("GET", "/api/v1/auth/profile", forged);
  });

  it("changes a subset of the background and keeps the rest", async () => {
    const { token } = await signUp();
    const answer = await call("PUT", "/api/v1/auth/profile", { token, body: { background: { hardware_knowledge: "advanced" } } });
    expect(answer.status).toBe(200);
    expect(answer.body.background).toEqual({ ...background, hardware_knowledge: "advanced" });
    expectDocumented("PUT", "/api/v1/auth/profile", answer);
    const after = await call("GET", "/api/v1/auth/profile", { token });
    expect(after.body.background.hardware_knowledge).toBe("advanced");
  });

  it.each([
    ["background.hardware_knowledge", { background: { hardware_knowledge: "wizard" } }],
    ["background", { background: {} }],
    ["email", { background: { hardware_knowledge: "basic" }, email: "new@example.org" }],
    ["background.user_id", { background: { user_id: "someone-else" } }],
  ])("answers 400 naming %s and changes nothing", async (field, body) => {
    const { token } = await signUp();
    const answer = await call("PUT", "/api/v1/auth/profile", { token, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.field).toBe(field);
    expectDocumented("PUT", "/api/v1/auth/profile", answer);
    expect((await call("GET", "/api/v1/auth/profile", { token })).body.background).toEqual(background);
  });

  it("answers 401 to an update without a session", async () => {
    const answer = await call("PUT", "/api/v1/auth/profile", { body: { background: { hardware_knowledge: "basic" } } });
    expect(answer.status).toBe(401);
  });
});

describe("POST /api/v1/auth/refresh", () => {
  it("issues a new token and kills the old one", async () => {
    const { token } = await signUp();
    const answer = await call("POST", "/api/v1/auth/refresh", { token });
    expect(answer.status).toBe(200);
    expectDocumented("POST", "/api/v1/auth/refresh", answer);
    expect(answer.body.session_token).not.toBe(token);
    expect((await call("GET", "/api/v1/auth/profile", { token })).status).toBe(401);
    expect((await call("GET", "/api/v1/auth/profile", { token: answer.body.session_token })).status).toBe(200);
  });

  it("turns one token into one session when two refreshes race", async () => {
    const { token } = await signUp();
    const answers = await Promise.all([call("POST", "/api/v1/auth/refresh", { token }), call("POST", "/api/v1/auth/refresh", { token })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const sessions = await call("GET", "/api/auth/list-sessions", { token: winner.body.session_token });
    expect(sessions.body).toHaveLength(1);
  });

  it("answers 401 without a session", async () => {
    const answer = await call("POST", "/api/v1/auth/refresh");
    expect([answer.status, answer.body.error.code]).toEqual([401, "UNAUTHORIZED"]);
  });
});

describe("GET /api/v1/auth/export", () => {
  it("gives the reader's own data with a bearer token, never cached, with no token and nothing of another reader", async () => {
    const reader = await signUp();
    const stranger = await signUp();
    await call("PUT", "/api/v1/auth/profile", { token: reader.token, body: { background: { hardware_knowledge: "advanced" } } });
    const answer = await call("GET", "/api/v1/auth/export", { token: reader.token });
    expect(answer.status).toBe(200);
    expectDocumented("GET", "/api/v1/auth/export", answer);
    expect(answer.headers.get("cache-control")).toContain("no-store");
    expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="lectern-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(answer.body.account).toMatchObject({ user_id: reader.userId, email: reader.email });
    expect(answer.body.profile.background).toEqual({ ...background, hardware_knowledge: "advanced" });
    expect(answer.body.audit_events.map((event: { event: string }) => event.event)).toEqual(
      expect.arrayContaining(["sign_up", "profile_change", "account_exported"]),
    );
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(reader.token);
    for (const foreign of [stranger.userId, stranger.email]) expect(text).not.toContain(foreign);
  });

  it("gives the same document to the cookie session the account page uses", async () => {
    const { email, password, userId } = await signUp();
    const signedIn = await call("POST", "/api/auth/sign-in/email", { body: { email, password }, headers: { origin: "http://localhost:3001" } });
    const cookie = cookieHeaderOf(signedIn.headers);
    expect(cookie).toContain("lectern.session_token=");
    const answer = await call("GET", "/api/v1/auth/export", { cookie });
    expect(answer.status).toBe(200);
    expectDocumented("GET", "/api/v1/auth/export", answer);
    expect(answer.body.account.user_id).toBe(userId);
    expect(answer.body.sessions).toHaveLength(2);
    expect(answer.body.sessions[0]).not.toHaveProperty("token");
  });

  it("answers 401 without a session or with a made-up one", async () => {
    for (const token of [undefined, "made-up-token"]) {
      const answer = await call("GET", "/api/v1/auth/export", { token });
      expect([answer.status, answer.body.error.code]).toEqual([401, "UNAUTHORIZED"]);
      expectDocumented("GET", "/api/v1/auth/export", answer);
    }
  });

  it("limits exports per reader with 429 and Retry-After: a new sign-in brings no fresh budget, another reader is not affected", async () => {
    const { token, email, password } = await signUp();
    const { max } = rateLimitRules.exportsPerUser;
    for (let attempt = 0; attempt < max; attempt += 1) {
      expect((await call("GET", "/api/v1/auth/export", { token })).status).toBe(200);
    }
    const limited = await call("GET", "/api/v1/auth/export", { token });
    expect([limited.status, limited.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expectDocumented("GET", "/api/v1/auth/export", limited);
    const again = await call("POST", "/api/v1/auth/signin", { body: { email, password } });
    expect((await call("GET", "/api/v1/auth/export", { token: again.body.session_token })).status).toBe(429);
    expect((await call("GET", "/api/v1/auth/export", { token: (await signUp()).token })).status).toBe(200);
  });
});

describe("one session across both surfaces", () => {
  it("accepts a contract token on Better Auth's endpoints", async () => {
    const { token, email } = await signUp();
    const session = await call("GET", "/api/auth/get-session", { token });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(email);
  });

  it("accepts a Better Auth token on the contract", async () => {
    const { email, password } = await signUp();
    // As the book's browser sends it: Better Auth checks the Origin of fetch requests (ADR-0003).
    const signedIn = await call("POST", "/api/auth/sign-in/email", { body: { email, password }, headers: { origin: "http://localhost:3001" } });
    const token = signedIn.body.token as string | undefined;
    expect(token).toBeTruthy();
    expect((await call("GET", "/api/v1/auth/profile", { token: token! })).body.email).toBe(email);
  });
});

describe("CORS", () => {
  const routes = [
    "/api/v1/auth/signup",
    "/api/v1/auth/signin",
    "/api/v1/auth/signout",
    "/api/v1/auth/profile",
    "/api/v1/auth/refresh",
    "/api/auth/sign-in/email",
    "/api/auth/get-session",
  ];

  it.each(routes)("answers the preflight of %s from a book origin", async (path) => {
    const answer = await call("OPTIONS", path, {
      headers: { origin: "http://localhost:3001", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3001");
    expect(answer.headers.get("access-control-allow-credentials")).toBe("true");
    expect(answer.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
  });

  it.each(routes)("grants nothing to a foreign origin on %s", async (path) => {
    const answer = await call("OPTIONS", path, { headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("exposes set-auth-token to the book only on a bearer's request", async () => {
    const answer = await call("POST", "/api/v1/auth/signup", {
      headers: { origin: "http://localhost:3001" },
      body: { email: newEmail(), password: "long enough pw", background },
    });
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3001");
    expect(answer.headers.get("access-control-expose-headers")).not.toContain("set-auth-token");
    const refreshed = await call("POST", "/api/v1/auth/refresh", { token: answer.body.session_token, headers: { origin: "http://localhost:3001" } });
    expect(refreshed.headers.get("access-control-expose-headers")).toContain("set-auth-token");
  });
});

describe("rate limits (the rules table, lib/rate-limit)", () => {
  it("answers 429 RATE_LIMITED with Retry-After once an IP exceeds its sign-in failure budget", async () => {
    const ip = newIp();
    const statuses: number[] = [];
    let limited: Answer | undefined;
    for (let attempt = 0; attempt <= rateLimitRules.signInPerAddress.max; attempt += 1) {
      const answer = await call("POST", "/api/v1/auth/signin", { ip, body: { email: newEmail(), password: "wrong password" } });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.slice(0, rateLimitRules.signInPerAddress.max).every((status) => status === 401)).toBe(true);
    expect(limited?.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expectDocumented("POST", "/api/v1/auth/signin", limited!);
  }, 60_000); // 31 password checks of unknown emails (each hashes a password, as for a known one): up to 1 s each on a busy machine

  it("limits failed sign-ins per email at one address across surfaces, even for the right password next; another address signs in", async () => {
    const { email, password } = await signUp();
    const ip = newIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < rateLimitRules.signInPerEmailAndAddress.max; attempt += 1) {
      // Alternate Better Auth's endpoint and the contract: one budget for the email at this address.
      const path = attempt % 2 ? "/api/v1/auth/signin" : "/api/auth/sign-in/email";
      statuses.push((await call("POST", path, { ip, body: { email, password: "wrong password" } })).status);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    const limited = await call("POST", "/api/v1/auth/signin", { ip, body: { email, password } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("POST", "/api/v1/auth/signin", { body: { email, password } })).status).toBe(200);
  });

  it("limits sign-ups per IP past a class's size", async () => {
    const ip = newIp();
    const taken = newEmail();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= rateLimitRules.signUpPerAddress.max; attempt += 1) {
      statuses.push((await call("POST", "/api/v1/auth/signup", { ip, body: { email: taken, password: "long enough pw", background } })).status);
    }
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1, -1).every((status) => status === 409)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("errors never leak internals", () => {
  it("refuses an oversized body on Better Auth's endpoints with 413 in the envelope", async () => {
    const answer = await call("POST", "/api/auth/sign-in/email", { body: { email: newEmail(), password: "x".repeat(40_000) } });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("INVALID_INPUT");
  });

  it("lets Better Auth answer malformed JSON with a 400 of its own, no stack", async () => {
    const answer = await call("POST", "/api/auth/sign-in/email", { raw: '{"email":' });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it("answers unknown routes under the contract without a stack", async () => {
    const answer = await fetch(`${server.url}/api/v1/auth/profile`, { method: "DELETE" });
    expect(answer.status).toBe(405);
  });
});
