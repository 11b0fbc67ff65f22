import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookOrigin, call, callJson, cookiesOf, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";

/** Findings about sessions: tokens in listings, CSRF on the contract, password changes, caching. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "a session password";

async function readerWithTwoSessions() {
  const email = uniqueEmail();
  const up = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
  expect(up.status).toBe(201);
  const signIn = await call(server.url, "/api/auth/sign-in/email", { body: { email, password } });
  expect(signIn.status).toBe(200);
  const second = (await signIn.json()).token as string;
  return { email, userId: up.body.user_id as string, first: up.body.session_token as string, second, cookie: cookiesOf(signIn) };
}

describe("no answer carries another session's token", () => {
  it("list-sessions shows every session of the reader without any token", async () => {
    const reader = await readerWithTwoSessions();
    const answer = await callJson(server.url, "/api/auth/list-sessions", { token: reader.first });
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(2);
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain(reader.second);
    expect(text).not.toContain(reader.first);
    for (const session of answer.body) expect(session).not.toHaveProperty("token");
  });

  it("get-session by cookie names no token; by bearer only the one presented", async () => {
    const reader = await readerWithTwoSessions();
    const byCookie = await callJson(server.url, "/api/auth/get-session", { cookie: reader.cookie });
    expect(byCookie.body.user.email).toBe(reader.email);
    expect(byCookie.body.session).not.toHaveProperty("token");
    const byBearer = await callJson(server.url, "/api/auth/get-session", { token: reader.first });
    expect(byBearer.body.session.token).toBe(reader.first);
    expect(JSON.stringify(byBearer.body)).not.toContain(reader.second);
  });
});

describe("a cookie session does not act for a foreign page (CSRF)", () => {
  const foreign = "https://evil.example";

  it("sign-out and a background change from a foreign origin are refused and change nothing", async () => {
    const reader = await readerWithTwoSessions();
    const signOut = await callJson(server.url, "/api/v1/auth/signout", { cookie: reader.cookie, origin: foreign, body: {} });
    expect([signOut.status, signOut.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const put = await callJson(server.url, "/api/v1/auth/profile", {
      method: "PUT",
      cookie: reader.cookie,
      origin: foreign,
      body: { background: { hardware_knowledge: "advanced" } },
    });
    expect(put.status).toBe(403);
    const profile = await callJson(server.url, "/api/v1/auth/profile", { cookie: reader.cookie });
    expect(profile.status).toBe(200);
    expect(profile.body.background).toEqual(sampleBackground);
  });

  it("is refused without Origin when the browser says cross-site, and allowed from the book", async () => {
    const reader = await readerWithTwoSessions();
    // No Origin at all: Fetch Metadata alone says where the request came from.
    const crossSite = await fetch(`${server.url}/api/v1/auth/signout`, {
      method: "POST",
      headers: { cookie: reader.cookie, "content-type": "application/json", "sec-fetch-site": "cross-site", "x-forwarded-for": uniqueIp() },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
    const fromBook = await callJson(server.url, "/api/v1/auth/signout", { cookie: reader.cookie, origin: bookOrigin, body: {} });
    expect(fromBook.status).toBe(200);
  });
});

describe("passwords", () => {
  it("Better Auth's change-password ends the reader's other sessions even when not asked to", async () => {
    const reader = await readerWithTwoSessions();
    const changed = await callJson(server.url, "/api/auth/change-password", {
      token: reader.first,
      body: { currentPassword: password, newPassword: "a brand new password" },
    });
    expect(changed.status).toBe(200);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token: reader.second })).status).toBe(401);
  });

  it("an older reset link is dead once a newer one has reset the password", async () => {
    const reader = await readerWithTwoSessions();
    for (let link = 0; link < 2; link += 1) {
      expect((await call(server.url, "/api/auth/request-password-reset", { body: { email: reader.email } })).status).toBe(200);
    }
    const links = await queryRows<{ identifier: string }>(
      sql`select identifier from verification where value = ${reader.userId} and identifier like 'reset-password:%' order by created_at`,
    );
    expect(links).toHaveLength(2);
    const [older, newer] = links.map((row) => row.identifier.slice("reset-password:".length));
    expect((await callJson(server.url, "/api/auth/reset-password", { body: { token: newer, newPassword: "the newest password" } })).status).toBe(200);
    const replay = await callJson(server.url, "/api/auth/reset-password", { body: { token: older, newPassword: "an attacker password" } });
    expect(replay.status).toBe(400);
    const signIn = await callJson(server.url, "/api/v1/auth/signin", { body: { email: reader.email, password: "the newest password" } });
    expect(signIn.status).toBe(200);
  });
});

describe("answers with tokens or personal data are never cached", () => {
  it("carry Cache-Control: no-store", async () => {
    const email = uniqueEmail();
    const up = await call(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
    const token = (await up.clone().json()).session_token as string;
    const answers = [
      up,
      await call(server.url, "/api/v1/auth/signin", { body: { email, password } }),
      await call(server.url, "/api/v1/auth/profile", { token }),
      await call(server.url, "/api/auth/get-session", { token }),
      await call(server.url, "/api/auth/list-sessions", { token }),
      await call(server.url, "/api/auth/sign-in/email", { body: { email, password } }),
      await call(server.url, "/api/v1/personalize?q=motor", { token }),
      await call(server.url, "/api/v1/auth/refresh", { token, body: {} }),
    ];
    for (const answer of answers) expect(answer.headers.get("cache-control"), answer.url).toMatch(/no-store/);
  });
});
