import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { auditEvent, personalizationEvent, readingProgress, sectionFeedback, user } from "@/db/schema";
import { sessionFromRequest, signInReader, signUpReader } from "@/lib/auth";
import { updateBackground } from "@/lib/profile";
import { sealedFeedbackComment, sealedFeedbackLevels } from "@/lib/reading";
import { recordPersonalizationEvent } from "@/lib/personalization";
import { call, callJson, sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";
import {
  accountAuditTrail,
  accountSessions,
  deleteAccount,
  disableAccount,
  enableAccount,
  exportAccount,
  findAccount,
  operatorNamed,
  signOutEverywhere,
} from "./index";

/**
 * The operator's actions on a real database (PGlite, or the Postgres server with
 * TEST_DATABASE_URL) through the real Better Auth instance, checked from the reader's side:
 * sessions that stop working, sign-ins refused on every path, rows that go or stay.
 */
const operator = operatorNamed("ada");
const password = "operator suite password";
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

async function newReader() {
  const email = uniqueEmail("admin");
  const signedUp = await signUpReader({ email, password, background: sampleBackground }, serverRequest());
  return { email, userId: signedUp.userId, token: signedUp.sessionToken! };
}

async function sessionWorks(token: string): Promise<boolean> {
  return (await sessionFromRequest(serverRequest({ token }))) !== null;
}

async function operatorEvents(userId: string | null, event: string) {
  const db = await database();
  return db
    .select()
    .from(auditEvent)
    .where(
      and(userId ? eq(auditEvent.userId, userId) : isNull(auditEvent.userId), eq(auditEvent.event, event), sql`${auditEvent.details}->>'operator' = 'ada'`),
    );
}

describe("finding an account", () => {
  it("finds it by email in any letter case, with its state and live sessions", async () => {
    const reader = await newReader();
    const found = await findAccount(reader.email.toUpperCase(), operator);
    expect(found).toMatchObject({ userId: reader.userId, email: reader.email, disabled: false, activeSessions: 1 });
    expect(await operatorEvents(reader.userId, "account_viewed")).toHaveLength(1);
  });

  it("answers an unknown email with USER_NOT_FOUND naming it, for every action", async () => {
    const email = uniqueEmail("nobody");
    const actions = [findAccount, accountSessions, accountAuditTrail, signOutEverywhere, disableAccount, enableAccount, deleteAccount, exportAccount];
    for (const action of actions) {
      await expect(action(email, operator)).rejects.toMatchObject({ code: "USER_NOT_FOUND", message: `No account with the email ${email}.` });
    }
  });

  it("refuses an action without an operator name", () => {
    expect(() => operatorNamed("")).toThrow(/--operator/);
    expect(() => operatorNamed("x\nforged line")).toThrow(/--operator/);
  });
});

describe("sessions and audit trail", () => {
  it("lists the live sessions without tokens, and the audit trail newest first", async () => {
    const reader = await newReader();
    await signInReader({ email: reader.email, password }, serverRequest({ ip: "10.9.8.7" }));
    const sessions = await accountSessions(reader.email, operator);
    expect(sessions).toHaveLength(2);
    expect(sessions.map((session) => session.ipAddress)).toContain("10.9.8.7");
    expect(JSON.stringify(sessions)).not.toContain(reader.token);
    const trail = await accountAuditTrail(reader.email, operator);
    expect(trail[0]).toMatchObject({ event: "account_viewed", details: { operator: "ada", what: "audit" } });
    expect(trail.map((entry) => entry.event)).toEqual(expect.arrayContaining(["sign_up", "sign_in"]));
  });

  it("signs the reader out everywhere: every token stops working at once", async () => {
    const reader = await newReader();
    const other = await signInReader({ email: reader.email, password }, serverRequest());
    expect(await signOutEverywhere(reader.email, operator)).toEqual({ revoked: 2 });
    expect(await sessionWorks(reader.token)).toBe(false);
    expect(await sessionWorks(other.sessionToken)).toBe(false);
    expect((await operatorEvents(reader.userId, "sessions_revoked"))[0]!.details).toMatchObject({ sessions: 2 });
    // Signing out is not disabling: the reader signs in again.
    await expect(signInReader({ email: reader.email, password }, serverRequest())).resolves.toMatchObject({ userId: reader.userId });
  });
});

describe("disabling and enabling", () => {
  it("ends the sessions and refuses sign-in on the contract, the pages and Better Auth's endpoint", async () => {
    const reader = await newReader();
    const disabled = await disableAccount(reader.email, operator, "chargeback");
    expect(disabled).toMatchObject({ disabled: true, disabledReason: "chargeback", activeSessions: 0 });
    expect(await sessionWorks(reader.token)).toBe(false);
    // The contract and the sign-in page share signInReader.
    await expect(signInReader({ email: reader.email, password }, serverRequest())).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      details: { field: "email", reason: "disabled" },
    });
    const contract = await callJson(server.url, "/api/v1/auth/signin", { body: { email: reader.email, password } });
    expect([contract.status, contract.body.error.details.reason]).toEqual([401, "disabled"]);
    const betterAuth = await callJson(server.url, "/api/auth/sign-in/email", { body: { email: reader.email, password } });
    expect(betterAuth.status).toBe(403);
    expect(betterAuth.headers.get("set-auth-token")).toBeNull();
    expect((await operatorEvents(reader.userId, "account_disabled"))[0]!.details).toMatchObject({ reason: "chargeback" });

    const enabled = await enableAccount(reader.email, operator);
    expect(enabled).toMatchObject({ disabled: false, disabledReason: null });
    await expect(signInReader({ email: reader.email, password }, serverRequest())).resolves.toMatchObject({ userId: reader.userId });
    expect(await operatorEvents(reader.userId, "account_enabled")).toHaveLength(1);
  });

  it("keeps the admin plugin's HTTP endpoints switched off", async () => {
    const reader = await newReader();
    const answer = await call(server.url, "/api/auth/admin/ban-user", { token: reader.token, body: { userId: reader.userId } });
    expect(answer.status).toBe(404);
    expect((await findAccount(reader.email, operator)).disabled).toBe(false);
  });
});

describe("deleting", () => {
  it("erases the account like a reader's own deletion and names the operator", async () => {
    const reader = await newReader();
    const db = await database();
    await db.insert(readingProgress).values({ userId: reader.userId, url: "/docs/intro", state: "read", updatedAt: new Date() });
    await db.insert(sectionFeedback).values({ userId: reader.userId, url: "/docs/intro", helpful: true });
    recordPersonalizationEvent({
      userId: reader.userId,
      query: "motors",
      chapter: null,
      targetLevels: null,
      engine: "postgres",
      resultCount: 1,
      latencyMs: 1,
    });

    await deleteAccount(reader.email, operator);
    expect(await db.select().from(user).where(eq(user.id, reader.userId))).toHaveLength(0);
    expect(await sessionWorks(reader.token)).toBe(false);
    expect(await db.select().from(readingProgress).where(eq(readingProgress.userId, reader.userId))).toHaveLength(0);
    expect(await db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, reader.userId))).toHaveLength(0);
    expect(await db.select().from(auditEvent).where(eq(auditEvent.userId, reader.userId))).toHaveLength(0);
    expect(await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId))).toHaveLength(0);
    expect((await operatorEvents(null, "account_deleted")).length).toBeGreaterThanOrEqual(1);
    await expect(findAccount(reader.email, operator)).rejects.toMatchObject({ code: "USER_NOT_FOUND" });
  });
});

describe("exporting", () => {
  it("gives the reader's whole data readable, without secrets and without another reader's rows", async () => {
    const reader = await newReader();
    const stranger = await newReader();
    const db = await database();
    await updateBackground(reader.userId, { hardware_knowledge: "advanced" }, { ip: null, userAgent: null });
    const levels = { software: "intermediate", programming: "beginner", hardware: "advanced" } as const;
    recordPersonalizationEvent({
      userId: reader.userId,
      query: "servo torque",
      chapter: "motors",
      targetLevels: levels,
      engine: "postgres",
      resultCount: 3,
      latencyMs: 2,
    });
    recordPersonalizationEvent({
      userId: stranger.userId,
      query: "stranger query",
      chapter: null,
      targetLevels: null,
      engine: "postgres",
      resultCount: 0,
      latencyMs: 2,
    });
    await db.insert(readingProgress).values([
      { userId: reader.userId, url: "/docs/motors", state: "read", updatedAt: new Date() },
      { userId: stranger.userId, url: "/docs/stranger", state: "read", updatedAt: new Date() },
    ]);
    await db.insert(sectionFeedback).values({
      userId: reader.userId,
      url: "/docs/motors",
      helpful: false,
      reason: "too_hard",
      commentSealed: sealedFeedbackComment.seal("lost me at PWM", [reader.userId, "/docs/motors"]),
      targetLevelsSealed: sealedFeedbackLevels.seal(JSON.stringify(levels), [reader.userId, "/docs/motors"]),
    });

    // Someone else (another reader mistyping an email, or a guesser) fails to sign in as this reader.
    await expect(signInReader({ email: reader.email, password: "not the password" }, serverRequest({ ip: "10.66.66.66" }))).rejects.toThrow();

    const exported = await exportAccount(reader.email, operator);
    expect(exported.account).toMatchObject({ user_id: reader.userId, email: reader.email, disabled: false });
    expect(exported.audit_events.find((event) => event.event === "sign_in_failed")).toMatchObject({ ip_address: null, user_agent: null });
    expect(exported.profile).toMatchObject({ background: { ...sampleBackground, hardware_knowledge: "advanced" }, profile_completed: true });
    expect(exported.sessions).toHaveLength(1);
    expect(exported.personalization_events).toEqual([expect.objectContaining({ query: "servo torque", target_levels: levels })]);
    expect(exported.reading_progress).toEqual([expect.objectContaining({ url: "/docs/motors", state: "read" })]);
    expect(exported.section_feedback).toEqual([expect.objectContaining({ reason: "too_hard", comment: "lost me at PWM", target_levels: levels })]);
    const profileChange = exported.audit_events.find((event) => event.event === "profile_change");
    expect(profileChange?.details.levels).toEqual([{ field: "hardware_knowledge", from: "none", to: "advanced" }]);
    expect(exported.audit_events.map((event) => event.event)).toContain("account_exported");

    const text = JSON.stringify(exported);
    for (const foreign of [stranger.userId, stranger.email, "stranger query", "/docs/stranger", "10.66.66.66"]) expect(text).not.toContain(foreign);
    expect(text).not.toContain(reader.token);
    expect(text).not.toMatch(/"password"\s*:/i);
    const [hash] = await queryRows<{ password: string }>(sql`select password from account where user_id = ${reader.userId}`);
    expect(text).not.toContain(hash!.password);
  });

  it("shows a disabled account as disabled, with the reason", async () => {
    const reader = await newReader();
    await disableAccount(reader.email, operator, "spam");
    const exported = await exportAccount(reader.email, operator);
    expect(exported.account).toMatchObject({ disabled: true, disabled_reason: "spam" });
    expect(exported.sessions).toEqual([]);
  });
});
