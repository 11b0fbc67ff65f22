import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookOrigin, call, callJson, cookiesOf, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { expectDocumented } from "@/testing/openapi-check";
import { queryRows } from "@/testing/query-rows";

/**
 * Issue 21, findings 3, 4 and 9 (exports, revoke-session): what a cookie session lets a script or
 * a foreign page do. A script on the book can send the cookie but never read it, so no answer may hand it a
 * token for that session; only a bearer that really authenticated a request skips the
 * cross-site check; an export with a cookie needs a same-site request.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "a credentials password";
const foreign = "https://evil.example";

/** A reader signed in on Lectern's page (a cookie session), and a bearer token of another session. */
async function reader() {
  const email = uniqueEmail();
  const up = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
  expect(up.status).toBe(201);
  const signIn = await call(server.url, "/api/auth/sign-in/email", { body: { email, password } });
  expect(signIn.status).toBe(200);
  return { email, userId: up.body.user_id as string, token: up.body.session_token as string, cookie: cookiesOf(signIn) };
}

/** A GET as a browser navigates: no Origin, Fetch Metadata saying where the link was. */
const navigate = (path: string, cookie: string, site: string) =>
  fetch(new URL(path, server.url), { headers: { cookie, "sec-fetch-site": site, "sec-fetch-mode": "navigate", "x-forwarded-for": uniqueIp() } });

const exportsOf = async (userId: string) =>
  (await queryRows<{ n: number }>(sql`select count(*)::int as n from audit_event where user_id = ${userId} and event = 'account_exported'`))[0]!.n;

describe("a cookie session never becomes a token a script can read (finding 3)", () => {
  it("refresh refuses a cookie session with 401 in the envelope, and the cookie still works", async () => {
    const { cookie } = await reader();
    const answer = await callJson(server.url, "/api/v1/auth/refresh", { cookie, origin: bookOrigin, body: {} });
    expect([answer.status, answer.body.error?.code]).toEqual([401, "UNAUTHORIZED"]);
    expect(JSON.stringify(answer.body)).not.toMatch(/session_token/);
    expectDocumented("POST", "/api/v1/auth/refresh", answer);
    expect((await callJson(server.url, "/api/v1/auth/profile", { cookie })).status).toBe(200);
  });

  it("refresh still turns a bearer into a new bearer", async () => {
    const { token } = await reader();
    const answer = await callJson(server.url, "/api/v1/auth/refresh", { token, body: {} });
    expect(answer.status).toBe(200);
    expect(answer.body.session_token).toMatch(/^\w+$/);
    expect(answer.headers.get("access-control-expose-headers")).toContain("set-auth-token");
  });

  it("no answer to a cookie request carries or exposes set-auth-token (update-user, get-session, sign-in)", async () => {
    const { cookie, email } = await reader();
    const answers = [
      await call(server.url, "/api/auth/update-user", { cookie, body: { name: "Ada" } }),
      await call(server.url, "/api/auth/get-session", { cookie }),
      await call(server.url, "/api/auth/sign-in/email", { cookie, body: { email, password } }),
      await call(server.url, "/api/v1/auth/signin", { cookie, body: { email, password } }),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.url).toBe(200);
      expect(answer.headers.get("set-auth-token"), answer.url).toBeNull();
      expect(answer.headers.get("access-control-expose-headers") ?? "", answer.url).not.toMatch(/set-auth-token/i);
    }
  });

  it("an invalid bearer beside the cookie authenticates nothing, so no token of the cookie's session comes back", async () => {
    const { cookie } = await reader();
    const answer = await call(server.url, "/api/auth/update-user", { cookie, headers: { authorization: "Bearer forged.c2lnbmF0dXJl" }, body: { name: "Eve" } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("set-auth-token")).toBeNull();
  });
});

describe("only a bearer that authenticated the request skips the cross-site check (finding 4)", () => {
  for (const authorization of ["Basic dXNlcjpwYXNz", "Negotiate YIIB", "Bearer ", "Bearer forged.c2lnbmF0dXJl", "Bearer\tforged"]) {
    it(`a cookie write from a foreign page with "Authorization: ${authorization.trim()}" changes nothing`, async () => {
      const { cookie } = await reader();
      const put = await callJson(server.url, "/api/v1/auth/profile", {
        method: "PUT",
        cookie,
        origin: foreign,
        headers: { authorization },
        body: { background: { hardware_knowledge: "advanced" } },
      });
      expect([401, 403]).toContain(put.status);
      expect(put.body.error.code).toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/);
      const signOut = await callJson(server.url, "/api/v1/auth/signout", { cookie, origin: foreign, headers: { authorization }, body: {} });
      expect([401, 403]).toContain(signOut.status);
      const progress = await callJson(server.url, "/api/v1/progress", {
        method: "PUT",
        cookie,
        origin: foreign,
        headers: { authorization },
        body: { sections: [{ url: "/docs/intro", state: "read", at: new Date().toISOString() }] },
      });
      expect([401, 403]).toContain(progress.status);
      const profile = await callJson(server.url, "/api/v1/auth/profile", { cookie });
      expect(profile.status).toBe(200);
      expect(profile.body.background).toEqual(sampleBackground);
    });
  }

  it("a valid bearer passes from any origin (a browser never sends one on its own)", async () => {
    const { token, cookie } = await reader();
    const put = await callJson(server.url, "/api/v1/auth/profile", {
      method: "PUT",
      token,
      cookie,
      origin: foreign,
      body: { background: { hardware_knowledge: "advanced" } },
    });
    expect(put.status).toBe(200);
    expect(put.body.background.hardware_knowledge).toBe("advanced");
  });
});

describe("an export with a cookie session needs a same-site request (finding 9)", () => {
  it("a cross-site link spends nothing: 403, no audit row", async () => {
    const { cookie, userId } = await reader();
    const viaLink = await navigate("/api/v1/auth/export", cookie, "cross-site");
    expect([viaLink.status, (await viaLink.json()).error.code]).toEqual([403, "FORBIDDEN"]);
    const fromForeignScript = await callJson(server.url, "/api/v1/auth/export", { cookie, origin: foreign });
    expect(fromForeignScript.status).toBe(403);
    expectDocumented("GET", "/api/v1/auth/export", fromForeignScript);
    expect(await exportsOf(userId)).toBe(0);
  });

  it("Lectern's own link, a typed address and a bearer caller export", async () => {
    const { cookie, token, userId } = await reader();
    for (const site of ["same-origin", "same-site", "none"]) {
      const answer = await navigate("/api/v1/auth/export", cookie, site);
      expect(answer.status, site).toBe(200);
    }
    const bearer = await call(server.url, "/api/v1/auth/export", { token, origin: foreign, headers: { "sec-fetch-site": "cross-site" } });
    expect(bearer.status).toBe(200);
    expect(await exportsOf(userId)).toBe(4);
  });
});

describe("revoke-session with a token that is not the caller's (finding 9)", () => {
  it("answers 404 in the envelope and revokes nothing; the caller's own token is still revoked", async () => {
    const alice = await reader();
    const bob = await reader();
    for (const token of [bob.token, "no-such-session-token-at-all"]) {
      const answer = await callJson(server.url, "/api/auth/revoke-session", { token: alice.token, body: { token } });
      expect([answer.status, answer.body.error?.code, answer.body.error?.details?.field]).toEqual([404, "INVALID_INPUT", "token"]);
    }
    expect((await callJson(server.url, "/api/v1/auth/profile", { token: bob.token })).status).toBe(200);
    const signIn = await callJson(server.url, "/api/v1/auth/signin", { body: { email: alice.email, password } });
    const own = await callJson(server.url, "/api/auth/revoke-session", { token: alice.token, body: { token: signIn.body.session_token } });
    expect([own.status, own.body]).toEqual([200, { status: true }]);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token: signIn.body.session_token })).status).toBe(401);
  });
});
