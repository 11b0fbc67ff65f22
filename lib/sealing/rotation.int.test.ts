import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { database } from "@/db";
import { auditEvent, personalizationEvent, readerProfile, sectionFeedback } from "@/db/schema";
import { accountExport } from "@/lib/admin";
import { deleteReaderAccount, signUpReader } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { flushPersonalizationEvents, recordPersonalizationEvent, sealedEventLevels } from "@/lib/personalization";
import { sealedBackground, sealedChangeLevels, updateBackground } from "@/lib/profile";
import { saveFeedback, sealedFeedbackComment, sealedFeedbackLevels } from "@/lib/reading";
import { sealedColumns } from "@/scripts/sealed-columns";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { sealedBeforeV2 } from "@/testing/sealing";
import { parseSealingKeys, rotateSealedValues } from "./index";

const originalKeys = process.env.PROFILE_ENCRYPTION_KEY!;
const configureKeys = (keys: string) => {
  process.env.PROFILE_ENCRYPTION_KEY = keys;
  resetConfigForTests();
};
afterEach(() => configureKeys(originalKeys));
afterAll(() => configureKeys(originalKeys));

// Rotation re-seals every row in the database: on the Postgres server this file gets a database
// of its own, so other suites' rows are never re-sealed under a key they do not hold.
isolateBookDatabase();

const levels = { software: "beginner", programming: "beginner", hardware: "advanced" } as const;
const url = "/docs/motors/motors-for-beginners";

/** A reader with something in every sealed column: a profile, a profile change, a search, a feedback answer with a comment. */
async function readerWithSealedData() {
  const password = "rotation password";
  const reader = await signUpReader({ email: uniqueEmail(), password, background: sampleBackground }, serverRequest());
  await updateBackground(reader.userId, { hardware_knowledge: "advanced" }, { ip: null, userAgent: null });
  recordPersonalizationEvent({ userId: reader.userId, query: "motors", chapter: null, targetLevels: levels, engine: "postgres", resultCount: 1, latencyMs: 1 });
  await flushPersonalizationEvents(); // written, so sealed under the key of the moment
  await saveFeedback(reader.userId, levels, { url, helpful: false, reason: "too_hard", comment: "lost me at PWM" });
  return { ...reader, password };
}

/** The old key dropped after a rotation to a new one, as docs/operations.md tells operators to do. */
async function rotateThenDropTheOldKey() {
  const newKey = `r${Date.now().toString(36)}:${randomBytes(32).toString("base64")}`;
  configureKeys(`${newKey},${originalKeys}`);
  const report = await rotateSealedValues(sealedColumns);
  configureKeys(newKey);
  return report;
}

describe("key rotation", () => {
  it("re-seals every registered column, so after the old key is dropped a reader can replace feedback, export and delete", async () => {
    const reader = await readerWithSealedData();
    const report = await rotateThenDropTheOldKey();
    for (const column of sealedColumns) expect(report.resealed[column.name], column.name).toBeGreaterThanOrEqual(1);
    const db = await database();
    const [feedback] = await db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, reader.userId));
    expect(feedback!.targetLevelsSealed!.startsWith(`v2:${report.keyId}:`)).toBe(true);
    expect(feedback!.commentSealed!.startsWith(`v2:${report.keyId}:`)).toBe(true);

    // Replacing the answer opens the old one (to move the authors' counts): under the new key now.
    await expect(saveFeedback(reader.userId, levels, { url, helpful: true })).resolves.toMatchObject({ helpful: true, comment: null });
    await saveFeedback(reader.userId, levels, { url, helpful: false, reason: "unclear", comment: "still unsure" });
    // The profile row is opened again (not from memory) by an update.
    await expect(updateBackground(reader.userId, { software_experience: "expert" }, { ip: null, userAgent: null })).resolves.toBeDefined();

    const exported = await accountExport(reader.userId);
    expect(exported!.section_feedback).toEqual([expect.objectContaining({ url, reason: "unclear", comment: "still unsure", target_levels: levels })]);
    expect(exported!.personalization_events).toEqual([expect.objectContaining({ query: "motors", target_levels: levels })]);
    const changes = exported!.audit_events.filter((event) => event.event === "profile_change");
    expect(changes.map((event) => event.details.levels)).toEqual([
      [{ field: "hardware_knowledge", from: "none", to: "advanced" }],
      [{ field: "software_experience", from: "intermediate", to: "expert" }],
    ]);

    await deleteReaderAccount(serverRequest({ token: reader.sessionToken! }), reader.password);
    expect(await accountExport(reader.userId)).toBeNull();
    const second = await rotateSealedValues(sealedColumns);
    expect(Object.values(second.resealed).every((count) => count === 0)).toBe(true);
    expect(Object.values(second.unopened).every((count) => count === 0)).toBe(true);
  });

  it("opens values sealed before the v2 format, and rewrites them as v2 bound to their row", async () => {
    const reader = await readerWithSealedData();
    const oldKey = originalKeys.split(",")[0]!;
    const db = await database();
    const [change] = await db
      .select({ id: auditEvent.id })
      .from(auditEvent)
      .where(and(eq(auditEvent.userId, reader.userId), eq(auditEvent.event, "profile_change")));
    const [event] = await db.select({ id: personalizationEvent.id }).from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId));
    // As the code before v2 wrote them: unbound, `keyId:iv:tag:ciphertext`.
    const oldBackground = sealedBeforeV2(JSON.stringify({ ...sampleBackground, hardware_knowledge: "basic" }), oldKey);
    await db.update(readerProfile).set({ backgroundCiphertext: oldBackground }).where(eq(readerProfile.userId, reader.userId));
    const oldLevels = sealedBeforeV2(JSON.stringify([{ field: "hardware_knowledge", from: "none", to: "basic" }]), oldKey);
    await db
      .update(auditEvent)
      .set({ details: sql`jsonb_set(${auditEvent.details}, '{levels}', to_jsonb(${oldLevels}::text))` })
      .where(eq(auditEvent.id, change!.id));
    await db
      .update(personalizationEvent)
      .set({ targetLevelsSealed: sealedBeforeV2(JSON.stringify(levels), oldKey) })
      .where(eq(personalizationEvent.id, event!.id));
    await db
      .update(sectionFeedback)
      .set({ targetLevelsSealed: sealedBeforeV2(JSON.stringify(levels), oldKey), commentSealed: sealedBeforeV2("old comment", oldKey) })
      .where(eq(sectionFeedback.userId, reader.userId));

    const before = await accountExport(reader.userId);
    expect(before!.section_feedback).toEqual([expect.objectContaining({ comment: "old comment", target_levels: levels })]);
    expect(before!.personalization_events).toEqual([expect.objectContaining({ target_levels: levels })]);
    expect(before!.audit_events.find((row) => row.event === "profile_change")!.details.levels).toEqual([
      { field: "hardware_knowledge", from: "none", to: "basic" },
    ]);

    // Same key, nothing to rotate to: rotation still rewrites the old format.
    const report = await rotateSealedValues(sealedColumns);
    for (const column of sealedColumns) expect(report.resealed[column.name], column.name).toBeGreaterThanOrEqual(1);
    const [profile] = await db.select().from(readerProfile).where(eq(readerProfile.userId, reader.userId));
    expect(profile!.backgroundCiphertext!.startsWith("v2:")).toBe(true);
    expect(JSON.parse(sealedBackground.open(profile!.backgroundCiphertext!, [reader.userId])).hardware_knowledge).toBe("basic");
    const [changed] = await db.select().from(auditEvent).where(eq(auditEvent.id, change!.id));
    expect(sealedChangeLevels.open(String(changed!.details.levels), [change!.id])).toContain('"to":"basic"');
    const [feedback] = await db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, reader.userId));
    expect(sealedFeedbackComment.open(feedback!.commentSealed!, [reader.userId, url])).toBe("old comment");
    // Now bound: the same value does not open as another reader's.
    expect(() => sealedFeedbackComment.open(feedback!.commentSealed!, ["someone else", url])).toThrow(/does not open/);
    const [stored] = await db.select().from(personalizationEvent).where(eq(personalizationEvent.id, event!.id));
    expect(() => sealedEventLevels.open(stored!.targetLevelsSealed!, [event!.id + 1])).toThrow(/does not open/);
    expect(JSON.parse(sealedFeedbackLevels.open(feedback!.targetLevelsSealed!, [reader.userId, url]))).toEqual(levels);
  });

  it("keeps a value copied into another reader's row from opening there", async () => {
    const owner = await readerWithSealedData();
    const other = await readerWithSealedData();
    const db = await database();
    const [own] = await db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, owner.userId));
    await db
      .update(sectionFeedback)
      .set({ commentSealed: own!.commentSealed, targetLevelsSealed: own!.targetLevelsSealed })
      .where(eq(sectionFeedback.userId, other.userId));
    const exported = await accountExport(other.userId);
    // What does not open stays out of the export; it is not shown as the other reader's words.
    expect(exported!.section_feedback).toEqual([expect.objectContaining({ url, comment: null, target_levels: null })]);
    expect((await accountExport(owner.userId))!.section_feedback).toEqual([expect.objectContaining({ comment: "lost me at PWM", target_levels: levels })]);
  });

  it("passes over a value no listed key opens, counts it, and re-seals the rest", async () => {
    const reader = await readerWithSealedData();
    const lostKey = `lost:${randomBytes(32).toString("base64")}`;
    const db = await database();
    await db
      .update(sectionFeedback)
      .set({ commentSealed: sealedFeedbackComment.seal("sealed under a key since lost", [reader.userId, url], parseSealingKeys([lostKey])) })
      .where(eq(sectionFeedback.userId, reader.userId));
    const report = await rotateThenDropTheOldKey();
    expect(report.unopened["section_feedback.comment_sealed"]).toBeGreaterThanOrEqual(1);
    expect(report.resealed["section_feedback.target_levels_sealed"]).toBeGreaterThanOrEqual(1);
    const [feedback] = await db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, reader.userId));
    expect(feedback!.targetLevelsSealed!.startsWith(`v2:${report.keyId}:`)).toBe(true);
    expect(feedback!.commentSealed!.startsWith("v2:lost:")).toBe(true);
  });

  it("never lets a value no listed key opens keep a reader from answering again or deleting the account", async () => {
    const reader = await readerWithSealedData();
    const lost = parseSealingKeys([`lost:${randomBytes(32).toString("base64")}`]);
    const db = await database();
    await db
      .update(readerProfile)
      .set({ backgroundCiphertext: sealedBackground.seal(JSON.stringify(sampleBackground), [reader.userId], lost) })
      .where(eq(readerProfile.userId, reader.userId));
    await db
      .update(sectionFeedback)
      .set({ targetLevelsSealed: sealedFeedbackLevels.seal(JSON.stringify(levels), [reader.userId, url], lost) })
      .where(eq(sectionFeedback.userId, reader.userId));
    await expect(saveFeedback(reader.userId, levels, { url, helpful: true })).resolves.toMatchObject({ helpful: true });
    await deleteReaderAccount(serverRequest({ token: reader.sessionToken! }), reader.password);
    expect(await accountExport(reader.userId)).toBeNull();
  });

  it("refuses to run while a sealed column of the schema is not registered", async () => {
    const withoutComments = sealedColumns.filter((column) => column.name !== "section_feedback.comment_sealed");
    await expect(rotateSealedValues(withoutComments)).rejects.toThrow(
      "sealed column(s) not registered, rotation would skip them: section_feedback.comment_sealed",
    );
  });
});
