import { describe, expect, it } from "vitest";
import { rateLimitRules } from "@/lib/rate-limit";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { getAuth, sessionFromRequest, quickSessionResponse, signUpReader } from "./index";
import { quickBearerSession, quickSession } from "./quick-session";

/**
 * The short way to a bearer session (./quick-session) must answer exactly what Better Auth's own
 * get-session answers, and must leave to Better Auth every case where it writes or refuses.
 */
async function newSession() {
  const signedUp = await signUpReader({ email: uniqueEmail("quick"), password: "a quick password", background: sampleBackground }, serverRequest());
  return { token: signedUp.sessionToken!, userId: signedUp.userId };
}

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}`, "x-lectern-client-ip": "10.9.9.9" });
const getSessionRequest = (headers: Headers) => new Request("http://localhost:3000/api/auth/get-session", { headers });

describe("a bearer session read the short way", () => {
  it("answers get-session with Better Auth's own body and cache headers", async () => {
    const { token } = await newSession();
    const quick = (await quickSessionResponse(getSessionRequest(bearer(token))))!;
    const long = await (await getAuth()).api.getSession({ headers: bearer(token), asResponse: true });
    expect(quick.status).toBe(200);
    expect(await quick.json()).toEqual(await long.json());
    for (const header of ["content-type", "cache-control", "pragma"]) expect(quick.headers.get(header), header).toBe(long.headers.get(header));
  });

  it("serves a live session without Better Auth's endpoint, and the same session as the long way", async () => {
    const { token, userId } = await newSession();
    const quick = await quickBearerSession(bearer(token));
    expect(quick?.user.id).toBe(userId);
    expect(quick?.session.token).toBe(token);
    const long = await (await getAuth()).api.getSession({ headers: bearer(token) });
    expect(JSON.parse(JSON.stringify(quick))).toEqual(JSON.parse(JSON.stringify(long)));
  });

  it("leaves cookies, signed tokens, unknown and revoked tokens to Better Auth", async () => {
    const { token } = await newSession();
    expect(await quickBearerSession(new Headers({ cookie: `lectern.session_token=${token}.sig` }))).toBeUndefined();
    expect(await quickBearerSession(bearer(`${token}.c2lnbmF0dXJl`))).toBeUndefined();
    expect(await quickBearerSession(bearer("x".repeat(32)))).toBeUndefined();
    const context = await (await getAuth()).$context;
    await context.internalAdapter.deleteSession(token);
    expect(await quickBearerSession(bearer(token))).toBeUndefined();
    expect(await sessionFromRequest(getSessionRequest(bearer(token)))).toBeNull();
  });

  it("leaves a session due for its daily slide to Better Auth, which slides it", async () => {
    const { token } = await newSession();
    const context = await (await getAuth()).$context;
    const fiveDays = 5 * 24 * 60 * 60 * 1000;
    await context.internalAdapter.updateSession(token, { expiresAt: new Date(Date.now() + fiveDays) });
    expect(await quickBearerSession(bearer(token))).toBeUndefined();
    const slid = await sessionFromRequest(getSessionRequest(bearer(token)));
    expect(slid!.session.expiresAt.valueOf()).toBeGreaterThan(Date.now() + fiveDays + 60_000);
    expect(await quickBearerSession(bearer(token))).toBeDefined();
  });

  it("answers a guest's get-session as Better Auth does, on the address's guest budget", async () => {
    const guest = new Headers({ "x-lectern-client-ip": "10.9.8.7" });
    const quick = (await quickSessionResponse(getSessionRequest(guest)))!;
    const long = await (await getAuth()).api.getSession({ headers: new Headers({ "x-lectern-client-ip": "10.9.8.6" }), asResponse: true });
    expect(quick.status).toBe(long.status);
    expect(await quick.text()).toBe(await long.text());
    for (const header of ["content-type", "cache-control", "pragma"]) expect(quick.headers.get(header), header).toBe(long.headers.get(header));
    const { max } = rateLimitRules.guestReadsPerAddress;
    for (let read = 1; read < max; read++) expect(await quickSession(guest)).toBeNull();
    await expect(sessionFromRequest(getSessionRequest(guest))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await quickSession(new Headers({ "x-lectern-client-ip": "10.9.8.5" }))).toBeNull();
  });

  it("counts the session's read budget, as Better Auth's hook does", async () => {
    const { token } = await newSession();
    const { max } = rateLimitRules.readsPerSession;
    for (let read = 0; read < max; read++) await quickBearerSession(bearer(token));
    await expect(quickBearerSession(bearer(token))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    const refused = await quickSessionResponse(getSessionRequest(bearer(token))).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
  });
});
