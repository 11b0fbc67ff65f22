import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fieldErrorsFromAction } from "@/app/_components/form-errors";
import { getAuth } from "@/lib/auth";
import { personalizeResponseSchema, profileResponseSchema, signInResponseSchema } from "@/lib/contract";
import { indexBook } from "@/lib/content";
import { postgresEngine } from "@/lib/personalization";
import { readProfile } from "@/lib/profile";
import { callJson, hardwareExpert, newToHardware, uniqueEmail, uniqueIp, type CallOptions } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";
import { completeBackgroundAction } from "./_actions/welcome";

/**
 * The background step for a reader whose account began without one (as SSO, social sign-in and passkeys create it:
 * Better Auth makes the user, Lectern stores no background): the REST answers say so, personalization ranks as for a
 * guest with a prompt, and /welcome's action stores the answers. The only stand-in is Next's request scope
 * (`next/headers`), which exists only inside Next's server: the action is given the request's headers here. The
 * page's redirects run in the browser suite (e2e/welcome.spec.ts).
 */
const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => requestHeaders.current }));

isolateBookDatabase();

let server: TestServer;
beforeAll(async () => {
  await indexBook(path.join(import.meta.dirname, "../../../lib/content/fixtures/book"), postgresEngine);
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const welcomeUrl = "http://localhost:3000/welcome";
const password = "a reader without a background";
const call = (method: string, route: string, options: CallOptions = {}) => callJson(server.url, route, { origin: "http://book.test", ...options, method });

/** A reader as a non-password sign-in leaves one: a Better Auth user and session, no background. */
async function readerWithoutBackground() {
  const email = uniqueEmail("sso");
  const auth = await getAuth();
  const created = await auth.api.signUpEmail({ body: { email, password, name: "" } });
  return { email, userId: created.user.id, token: created.token! };
}

/** Runs the action as Next would for a request carrying this session. */
function asReader(token: string | null) {
  requestHeaders.current = new Headers({ "user-agent": "welcome-suite", "x-lectern-client-ip": uniqueIp() });
  if (token) requestHeaders.current.set("authorization", `Bearer ${token}`);
}

const profileChanges = (userId: string) =>
  queryRows<{ details: Record<string, unknown> }>(sql`select details from audit_event where user_id = ${userId} and event = 'profile_change'`);

describe("a reader without a background", () => {
  it("is reported profile_complete: false with the background step's URL, by the profile and by sign-in", async () => {
    const reader = await readerWithoutBackground();
    const profile = await call("GET", "/api/v1/auth/profile", { token: reader.token });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ background: null, profile_complete: false, profile_completed: false, complete_profile_url: welcomeUrl });
    expect(profileResponseSchema.safeParse(profile.body).error).toBeUndefined();

    const signedIn = await call("POST", "/api/v1/auth/signin", { body: { email: reader.email, password } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ background: null, profile_complete: false, complete_profile_url: welcomeUrl });
    expect(signInResponseSchema.safeParse(signedIn.body).error).toBeUndefined();
  });

  it("gets the guest's ranking, with a prompt naming why and linking to the background step", async () => {
    const reader = await readerWithoutBackground();
    const asGuest = await call("GET", "/api/v1/personalize?chapter=motors");
    const answer = await call("GET", "/api/v1/personalize?chapter=motors", { token: reader.token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ personalized: false, profile: null, prompt: { reason: "background_missing", url: welcomeUrl } });
    expect(answer.body.signup_prompt).toContain(welcomeUrl);
    expect(answer.body.results.map((result: { id: string }) => result.id)).toEqual(asGuest.body.results.map((result: { id: string }) => result.id));
    expect(answer.body.results.length).toBeGreaterThan(0);
    expect(personalizeResponseSchema.safeParse(answer.body).error).toBeUndefined();
    expect(asGuest.body.prompt).toEqual({ reason: "signed_out", url: "http://localhost:3000/sign-up" });
  });
});

describe("/welcome's action", () => {
  it("stores the three answers, audits them as given on this step, and flips profile_complete", async () => {
    const reader = await readerWithoutBackground();
    asReader(reader.token);
    const result = await completeBackgroundAction({ background: newToHardware, returnTo: "http://localhost:3001/docs/motors/" });
    expect(result?.serverError).toBeUndefined();
    expect(result?.validationErrors).toBeUndefined();
    expect(result?.data).toEqual({ redirectTo: "http://localhost:3001/docs/motors/" });

    expect((await readProfile(reader.userId)).background).toEqual(newToHardware);
    expect(await profileChanges(reader.userId)).toMatchObject([
      { details: { step: "welcome", fields: ["software_experience", "programming_background", "hardware_knowledge"] } },
    ]);
    const profile = await call("GET", "/api/v1/auth/profile", { token: reader.token });
    expect(profile.body).toMatchObject({ background: newToHardware, profile_complete: true, profile_completed: true });
    expect(profile.body).not.toHaveProperty("complete_profile_url");
    const ranked = await call("GET", "/api/v1/personalize?chapter=motors", { token: reader.token });
    expect(ranked.body).toMatchObject({ personalized: true, profile: { background: newToHardware } });
    expect(ranked.body).not.toHaveProperty("prompt");
  });

  it("goes to /account?welcome=1 without a return_to, and refuses one on a foreign origin", async () => {
    const reader = await readerWithoutBackground();
    asReader(reader.token);
    expect((await completeBackgroundAction({ background: newToHardware }))?.data).toEqual({ redirectTo: "/account?welcome=1" });
    for (const foreign of ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)"]) {
      expect((await completeBackgroundAction({ background: newToHardware, returnTo: foreign }))?.data).toEqual({ redirectTo: "/account?welcome=1" });
    }
  });

  it("answers bad input with the form's errors on each field and stores nothing", async () => {
    const reader = await readerWithoutBackground();
    asReader(reader.token);
    const missing = await completeBackgroundAction({ background: { software_experience: "beginner", programming_background: "none" } as never });
    expect(fieldErrorsFromAction(missing?.validationErrors)).toEqual({ "background.hardware_knowledge": "Choose one answer." });
    const wrong = await completeBackgroundAction({ background: { ...newToHardware, software_experience: "wizard" } as never });
    expect(fieldErrorsFromAction(wrong?.validationErrors)).toEqual({ "background.software_experience": "Choose one answer." });
    const extra = await completeBackgroundAction({ background: newToHardware, returnTo: "/account", userId: "someone-else" } as never);
    expect(extra?.validationErrors).toBeDefined();
    expect(extra?.data).toBeUndefined();

    expect((await readProfile(reader.userId)).background).toBeNull();
    expect(await profileChanges(reader.userId)).toEqual([]);
    expect((await call("GET", "/api/v1/auth/profile", { token: reader.token })).body.profile_complete).toBe(false);
  });

  it("passes a reader with a complete profile on without overwriting the answers", async () => {
    const reader = await readerWithoutBackground();
    asReader(reader.token);
    await completeBackgroundAction({ background: newToHardware });
    const again = await completeBackgroundAction({ background: hardwareExpert, returnTo: "/account" });
    expect(again?.data).toEqual({ redirectTo: "/account" });
    expect((await readProfile(reader.userId)).background).toEqual(newToHardware);
    expect(await profileChanges(reader.userId)).toHaveLength(1);
  });

  it("refuses a request without a session, in words", async () => {
    asReader(null);
    const result = await completeBackgroundAction({ background: newToHardware });
    expect(result?.serverError).toEqual({ message: "Your session has ended. Please sign in again." });
    expect(result?.data).toBeUndefined();
  });
});
