import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { accountExport, addSsoProvider, deleteAccount, listSsoProviders, operatorNamed, removeSsoProvider } from "@/lib/admin";
import { resetConfigForTests } from "@/lib/config";
import { call, callJson, cookieHeaderOf, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { startOidcProvider, type TestOidcProvider } from "@/testing/oidc-provider";
import { queryRows } from "@/testing/query-rows";
import { signUpReader } from "./index";
import { sampleBackground, serverRequest } from "@/testing/accounts";

/**
 * School sign-in against a real OpenID Provider (testing/oidc-provider: the `oidc-provider` package on
 * 127.0.0.1): Lectern's Better Auth handler over HTTP, the browser's part played by fetch with its
 * cookies carried by hand. Authorization code + PKCE, the id_token checked against the issuer's keys.
 */
const providerId = "school-test";
const domain = "school.test";
const redirectUri = `http://localhost:3000/api/auth/sso/callback/${providerId}`;
const operator = operatorNamed("sso suite");
const welcome = (returnTo: string) => `/welcome?return_to=${encodeURIComponent(returnTo)}`;

let server: TestServer;
let idp: TestOidcProvider;
/** A second provider with the same client, at another issuer: its id_tokens must not pass for the first's. */
let otherIdp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [redirectUri] });
  otherIdp = await startOidcProvider({ redirectUris: [redirectUri] });
  // Only tests (and an operator's private IdP) open this: loopback is refused by default (SSRF).
  process.env.SSO_PRIVATE_ISSUER_ORIGINS = `${idp.issuer},${otherIdp.issuer}`;
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
  await addSsoProvider({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, domains: domain, providerId }, operator);
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
  await otherIdp?.close();
});

let counter = 0;
const student = (prefix = "student") => `${prefix}-${Date.now()}-${(counter += 1)}@${domain}`;

type Started = { authorizationUrl: string; stateCookie: string; ip: string };

/** The sign-in page's first step, as its server action makes it: the email picks the provider. */
async function startSignIn(email: string, returnTo = "http://localhost:3001/docs/intro"): Promise<Started> {
  const ip = uniqueIp();
  const answer = await call(server.url, "/api/auth/sign-in/sso", {
    body: { email, callbackURL: welcome(returnTo), newUserCallbackURL: welcome(returnTo), errorCallbackURL: "/sign-in" },
    ip,
  });
  const body = await answer.json();
  expect(answer.status, JSON.stringify(body)).toBe(200);
  return { authorizationUrl: body.url, stateCookie: cookieHeaderOf(answer.headers), ip };
}

type Finished = { status: number; location: string; sessionCookie: string };

/** The browser back at Lectern's callback (the redirect URI names localhost:3000; the suite's server is elsewhere). */
async function finishAt(callback: URL, started: Started): Promise<Finished> {
  // Not followed: the redirect names Lectern's public address (localhost:3000), not this server.
  const answer = await fetch(new URL(`${callback.pathname}${callback.search}`, server.url), {
    redirect: "manual",
    headers: { cookie: started.stateCookie, "x-forwarded-for": started.ip, "user-agent": "sso-suite" },
  });
  const sessionCookie = answer.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => pair.startsWith("lectern.session_token=") && pair !== "lectern.session_token=")
    .join("; ");
  return { status: answer.status, location: answer.headers.get("location") ?? "", sessionCookie };
}

async function signInThroughSchool(login: string, email = login) {
  const started = await startSignIn(email);
  const callback = await idp.signIn(started.authorizationUrl, login);
  return { started, callback, ...(await finishAt(callback, started)) };
}

async function session(cookie: string) {
  return callJson(server.url, "/api/auth/get-session", { cookie });
}

const accountsOf = (email: string) =>
  queryRows<{ provider_id: string; account_id: string }>(
    sql`select a.provider_id, a.account_id from account a join "user" u on u.id = a.user_id where u.email = ${email} order by a.provider_id`,
  );

async function passwordReader(email: string, verified: boolean) {
  const reader = await signUpReader({ email, password: "correct horse battery", background: sampleBackground }, serverRequest());
  const db = await database();
  await db.execute(sql`update "user" set email_verified = ${verified} where email = ${email}`);
  return reader;
}

describe("school sign-in (OIDC, authorization code + PKCE)", () => {
  it("a new student signs in through the school and lands on the background step with a session", async () => {
    const email = student();
    const { callback, status, location, sessionCookie } = await signInThroughSchool(email);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("iss")).toBe(idp.issuer);
    expect(status).toBe(302);
    expect(location).toBe(`http://localhost:3000${welcome("http://localhost:3001/docs/intro")}`);
    const answer = await session(sessionCookie);
    expect(answer.body?.user?.email).toBe(email);
    expect(answer.body?.user?.emailVerified).toBe(true);
    expect(await accountsOf(email)).toEqual([{ provider_id: providerId, account_id: email }]);
    // The session is one like any other: /account lists it, and can end it.
    const sessions = await callJson(server.url, "/api/auth/list-sessions", { cookie: sessionCookie });
    expect(sessions.body).toHaveLength(1);
    const audit = await queryRows<{ event: string; details: Record<string, unknown> }>(
      sql`select event, details from audit_event where user_id = ${answer.body.user.id} order by id`,
    );
    expect(audit.map((row) => row.event)).toEqual(["sign_up", "sign_in"]);
    expect(audit[1]!.details).toMatchObject({ method: "sso", provider: providerId });
  });

  it("the same student again: the same account, no second sign-up", async () => {
    const email = student();
    await signInThroughSchool(email);
    const again = await signInThroughSchool(email);
    expect(again.status).toBe(302);
    expect((await session(again.sessionCookie)).body?.user?.email).toBe(email);
    expect(await accountsOf(email)).toHaveLength(1);
  });

  it("a replayed callback (same state and code) is refused and starts no session", async () => {
    const email = student();
    const first = await signInThroughSchool(email);
    expect(first.sessionCookie).not.toBe("");
    const replay = await finishAt(first.callback, first.started);
    expect(replay.status).toBe(302);
    expect(new URL(replay.location, "http://x").pathname).toBe("/sign-in");
    expect(new URL(replay.location, "http://x").searchParams.get("error")).toMatch(/state/);
    expect(replay.sessionCookie).toBe("");
  });

  it("a callback without the browser's state cookie is refused (state bound to the browser)", async () => {
    const started = await startSignIn(student());
    const callback = await idp.signIn(started.authorizationUrl, student());
    const answer = await finishAt(callback, { ...started, stateCookie: "" });
    expect(new URL(answer.location, "http://x").searchParams.get("error")).toMatch(/state/);
    expect(answer.sessionCookie).toBe("");
  });

  it("an id_token from another issuer is refused", async () => {
    // The row keeps the first issuer, its endpoints now at the second provider (a mix-up): the
    // second's id_token says iss=<other>, and Lectern expects <first>.
    const db = await database();
    const [row] = await queryRows<{ oidc_config: string }>(sql`select oidc_config from sso_provider where provider_id = ${providerId}`);
    const original = row!.oidc_config;
    const mixed = JSON.parse(original);
    for (const field of ["authorizationEndpoint", "tokenEndpoint", "jwksEndpoint", "userInfoEndpoint"]) {
      mixed[field] = String(mixed[field]).replace(idp.issuer, otherIdp.issuer);
    }
    await db.execute(sql`update sso_provider set oidc_config = ${JSON.stringify(mixed)} where provider_id = ${providerId}`);
    try {
      const email = student();
      const started = await startSignIn(email);
      expect(started.authorizationUrl.startsWith(otherIdp.issuer)).toBe(true);
      const callback = await otherIdp.signIn(started.authorizationUrl, email);
      const answer = await finishAt(callback, started);
      expect(answer.sessionCookie).toBe("");
      expect(new URL(answer.location, "http://x").searchParams.get("error")).toBe("invalid_provider");
      expect(await accountsOf(email)).toEqual([]);
    } finally {
      await db.execute(sql`update sso_provider set oidc_config = ${original} where provider_id = ${providerId}`);
    }
  });

  it("an unverified email does not take over the password account with that address", async () => {
    const email = student("unverified");
    await passwordReader(email, true);
    const answer = await signInThroughSchool(email);
    expect(answer.sessionCookie).toBe("");
    expect(new URL(answer.location, "http://x").searchParams.get("error")).toBe("account not linked");
    expect(await accountsOf(email)).toEqual([{ provider_id: "credential", account_id: expect.any(String) }]);
  });

  it("a verified email joins the password account that owns it, when that account's email is verified", async () => {
    const email = student();
    const reader = await passwordReader(email, true);
    const answer = await signInThroughSchool(email);
    expect(answer.status).toBe(302);
    expect((await session(answer.sessionCookie)).body?.user?.id).toBe(reader.userId);
    expect((await accountsOf(email)).map((row) => row.provider_id)).toEqual(["credential", providerId]);
  });

  it("a verified email does not join a password account whose own email was never verified (pre-registered address)", async () => {
    const email = student();
    await passwordReader(email, false);
    const answer = await signInThroughSchool(email);
    expect(answer.sessionCookie).toBe("");
    expect(new URL(answer.location, "http://x").searchParams.get("error")).toBe("account not linked");
    expect((await accountsOf(email)).map((row) => row.provider_id)).toEqual(["credential"]);
  });

  it("the export names the linked provider (no token), and deleting the account deletes the link", async () => {
    const email = student();
    const reader = await passwordReader(email, true);
    await signInThroughSchool(email);
    const exported = await accountExport(reader.userId);
    expect(exported?.linked_accounts).toEqual([{ provider: providerId, linked_at: expect.any(String) }]);
    expect(JSON.stringify(exported)).not.toMatch(/access_token|id_token|refresh_token|accessToken|idToken/);
    await deleteAccount(email, operator);
    expect(await queryRows(sql`select 1 from account where user_id = ${reader.userId}`)).toEqual([]);
  });

  it("the school's provider cannot vouch for an address outside its domains", async () => {
    const outsider = `outsider-${Date.now()}@elsewhere.test`;
    const started = await startSignIn(student());
    const callback = await idp.signIn(started.authorizationUrl, outsider);
    const answer = await finishAt(callback, started);
    expect(answer.sessionCookie).toBe("");
    expect(new URL(answer.location, "http://x").searchParams.get("error")).toBe("email_outside_provider_domain");
    expect(await accountsOf(outsider)).toEqual([]);
  });

  it("an email whose domain has no provider is answered 404 (the page then asks for the password)", async () => {
    const answer = await callJson(server.url, "/api/auth/sign-in/sso", { body: { email: "someone@nowhere.test", callbackURL: "/welcome" } });
    expect(answer.status).toBe(404);
  });

  it("the plugin's provider management is not served (operators use npm run admin)", async () => {
    for (const path of ["/api/auth/sso/register", "/api/auth/sso/providers", "/api/auth/sso/delete-provider"]) {
      const answer = await call(server.url, path, { body: {} });
      expect(answer.status, path).toBe(404);
    }
  });
});

describe("npm run admin -- sso (lib/admin)", () => {
  it("lists the provider with its redirect URI, refuses a second one for the same domain, and removes one with its links", async () => {
    const listed = await listSsoProviders();
    expect(listed.find((provider) => provider.providerId === providerId)).toMatchObject({ issuer: idp.issuer, domains: [domain], redirectUri });
    await expect(
      addSsoProvider({ issuer: idp.issuer, clientId: "x", clientSecret: "y", domains: `other.test,${domain}`, providerId: "another" }, operator),
    ).rejects.toThrow(/school\.test already signs in through provider "school-test"/);
    await expect(addSsoProvider({ issuer: "http://10.1.2.3", clientId: "x", clientSecret: "y", domains: "x.test" }, operator)).rejects.toThrow(
      /SSO_PRIVATE_ISSUER_ORIGINS/,
    );
    await addSsoProvider({ issuer: otherIdp.issuer, clientId: otherIdp.clientId, clientSecret: otherIdp.clientSecret, domains: "temp.test" }, operator);
    expect((await listSsoProviders()).map((provider) => provider.providerId)).toContain("temp-test");
    expect(await removeSsoProvider("temp-test", operator)).toEqual({ unlinkedAccounts: 0 });
    expect((await listSsoProviders()).map((provider) => provider.providerId)).not.toContain("temp-test");
    const audit = await queryRows<{ event: string; details: Record<string, unknown> }>(
      sql`select event, details from audit_event where event like 'sso_provider_%' order by id`,
    );
    expect(audit.map((row) => row.event)).toEqual(["sso_provider_added", "sso_provider_added", "sso_provider_removed"]);
    expect(audit[2]!.details).toMatchObject({ operator: "sso suite", provider_id: "temp-test" });
    await expect(removeSsoProvider("temp-test", operator)).rejects.toThrow(/No provider "temp-test"/);
  });
});
