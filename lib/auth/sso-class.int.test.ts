import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSsoProvider, operatorNamed } from "@/lib/admin";
import { resetConfigForTests } from "@/lib/config";
import { call, callJson, cookieHeaderOf, sampleBackground, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { startOidcProvider, type TestOidcProvider } from "@/testing/oidc-provider";
import { queryRows } from "@/testing/query-rows";

/**
 * The issue's class: a teacher shares the book and 40 students sign in with their school's account,
 * at once, from the school's one address. Against the real test provider (testing/oidc-provider) and
 * Lectern's handlers over HTTP: 0 errors, every student lands on the background step (/welcome) with
 * `profile_complete: false`, answers it once, and the next sign-in finds the profile complete.
 */
const providerId = "class-school";
const domain = "class-school.test";
const classSize = 40;
const campus = uniqueIp();
const chapter = "http://localhost:3001/docs/chapter-1";

let server: TestServer;
let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [`http://localhost:3000/api/auth/sso/callback/${providerId}`] });
  process.env.SSO_PRIVATE_ISSUER_ORIGINS = idp.issuer;
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
  await addSsoProvider({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, domains: domain, providerId }, operatorNamed("teacher"));
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
});

/** One student's whole sign-in: the email-first start, the school's page, the callback. */
async function signIn(email: string): Promise<{ status: number; location: string; cookie: string }> {
  const started = await call(server.url, "/api/auth/sign-in/sso", {
    body: { email, callbackURL: `/welcome?return_to=${encodeURIComponent(chapter)}`, newUserCallbackURL: `/welcome?return_to=${encodeURIComponent(chapter)}` },
    ip: campus,
  });
  if (started.status !== 200) throw new Error(`sign-in/sso answered ${started.status}: ${await started.text()}`);
  const { url } = (await started.json()) as { url: string };
  const callback = await idp.signIn(url, email);
  const answer = await fetch(new URL(`${callback.pathname}${callback.search}`, server.url), {
    redirect: "manual",
    headers: { cookie: cookieHeaderOf(started.headers), "x-forwarded-for": campus, "user-agent": "class-suite" },
  });
  const cookie = answer.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.startsWith("lectern.session_token=") && pair !== "lectern.session_token=")
    .join("; ");
  return { status: answer.status, location: answer.headers.get("location") ?? "", cookie };
}

const students = Array.from({ length: classSize }, (_, index) => `student-${index + 1}-${Date.now()}@${domain}`);

describe("a class of 40 signs in through the school's provider", () => {
  it("all at once: 0 errors, each reaches the background step once, then goes straight to the book", { timeout: 120_000 }, async () => {
    const first = await Promise.allSettled(students.map((email) => signIn(email)));
    const failures = first.flatMap((result, index) => (result.status === "rejected" ? [`${students[index]}: ${String(result.reason)}`] : []));
    expect(failures).toEqual([]);
    const arrived = first.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof signIn>>>).value);
    const welcome = `http://localhost:3000/welcome?return_to=${encodeURIComponent(chapter)}`;
    expect(arrived.filter((answer) => answer.status !== 302 || answer.location !== welcome || !answer.cookie)).toEqual([]);

    // The step is due for each (the book is told so too), and each answers it once.
    for (const [index, answer] of arrived.entries()) {
      const profile = await callJson(server.url, "/api/v1/auth/profile", { cookie: answer.cookie, ip: campus });
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ email: students[index], profile_complete: false, complete_profile_url: "http://localhost:3000/welcome" });
      const answered = await callJson(server.url, "/api/v1/auth/profile", {
        method: "PUT",
        body: { background: sampleBackground },
        cookie: answer.cookie,
        ip: campus,
      });
      expect(answered.status).toBe(200);
    }

    // Next lesson: the same 40 sign in again; the step is behind them (the page passes a complete profile on).
    const second = await Promise.all(students.map((email) => signIn(email)));
    expect(second.filter((answer) => answer.status !== 302 || !answer.cookie)).toEqual([]);
    for (const answer of second) {
      const profile = await callJson(server.url, "/api/v1/auth/profile", { cookie: answer.cookie, ip: campus });
      expect(profile.body).toMatchObject({ profile_complete: true });
      expect(profile.body.complete_profile_url).toBeUndefined();
    }

    const [accounts] = await queryRows<{ users: number; signUps: number; linked: number }>(sql`
      select (select count(*)::int from "user" where email like ${`%@${domain}`}) as users,
             (select count(*)::int from audit_event e join "user" u on u.id = e.user_id where e.event = 'sign_up' and u.email like ${`%@${domain}`}) as "signUps",
             (select count(*)::int from account where provider_id = ${providerId}) as linked`);
    expect(accounts).toEqual({ users: classSize, signUps: classSize, linked: classSize });
  });
});
