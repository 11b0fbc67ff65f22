import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import { database, flushPendingWrites } from "@/db";
import { auditEvent, personalizationEvent, readerProfile } from "@/db/schema";
import { configuredEncryptionKeys, decryptText, encryptText, envelopeKeyId } from "./encryption";

export type RotationReport = { keyId: string; profiles: number; auditEvents: number; personalizationEvents: number };

/**
 * Re-seals every encrypted value (profiles, the levels in profile-change audit rows and the
 * target levels of personalization events) that is
 * not under the newest key. Idempotent: a second run finds nothing to do. Keep the old key
 * configured (after the new one) until this has run everywhere, then remove it.
 */
export async function rotateProfileKeys(): Promise<RotationReport> {
  await flushPendingWrites(); // events this process holds back are sealed too: reseal them with the rest
  const keys = configuredEncryptionKeys();
  const newest = keys[0]!.id;
  const db = await database();
  let profiles = 0;
  const stale = await db
    .select({ userId: readerProfile.userId, envelope: readerProfile.backgroundCiphertext })
    .from(readerProfile)
    .where(and(isNotNull(readerProfile.backgroundCiphertext), ne(readerProfile.keyId, newest)));
  for (const row of stale) {
    const resealed = encryptText(decryptText(row.envelope!, keys), keys);
    // Only replace the value we read, so a concurrent profile update is never overwritten.
    const updated = await db
      .update(readerProfile)
      .set({ backgroundCiphertext: resealed, keyId: newest })
      .where(and(eq(readerProfile.userId, row.userId), eq(readerProfile.backgroundCiphertext, row.envelope!)))
      .returning({ userId: readerProfile.userId });
    profiles += updated.length;
  }
  let auditEvents = 0;
  const staleAudit = await db
    .select({ id: auditEvent.id, details: auditEvent.details })
    .from(auditEvent)
    .where(and(eq(auditEvent.event, "profile_change"), sql`${auditEvent.details}->>'levels' is not null`));
  for (const row of staleAudit) {
    const envelope = String(row.details.levels);
    if (envelopeKeyId(envelope) === newest) continue;
    const levels = encryptText(decryptText(envelope, keys), keys);
    await db
      .update(auditEvent)
      .set({ details: { ...row.details, levels } })
      .where(eq(auditEvent.id, row.id));
    auditEvents += 1;
  }
  let personalizationEvents = 0;
  const staleEvents = await db
    .select({ id: personalizationEvent.id, envelope: personalizationEvent.targetLevelsSealed })
    .from(personalizationEvent)
    .where(and(isNotNull(personalizationEvent.targetLevelsSealed), sql`split_part(${personalizationEvent.targetLevelsSealed}, ':', 1) <> ${newest}`));
  for (const row of staleEvents) {
    const resealed = encryptText(decryptText(row.envelope!, keys), keys);
    await db.update(personalizationEvent).set({ targetLevelsSealed: resealed }).where(eq(personalizationEvent.id, row.id));
    personalizationEvents += 1;
  }
  return { keyId: newest, profiles, auditEvents, personalizationEvents };
}
