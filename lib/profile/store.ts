import { eq } from "drizzle-orm";
import { database, keptRows, type Database } from "@/db";
import { readerProfile } from "@/db/schema";
import { ApiError } from "@/lib/http";
import { countAnswerChange } from "@/lib/insights";
import { recordAuditEvent, type AuditContext } from "./audit";
import { backgroundFields, backgroundSchema, type Background, type BackgroundUpdate } from "@/lib/contract";
import { rowStamps } from "@/lib/rate-limit";
import { envelopeKeyId } from "@/lib/sealing";
import { sealedBackground } from "./sealed-columns";

export type ReaderProfile = {
  background: Background | null;
  /** True once all three answers are stored. */
  profileCompleted: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
};

function sealBackground(userId: string, background: Background): { backgroundCiphertext: string; keyId: string } {
  const backgroundCiphertext = sealedBackground.seal(JSON.stringify(background), [userId]);
  return { backgroundCiphertext, keyId: envelopeKeyId(backgroundCiphertext) };
}

/**
 * A stored envelope back to a background; anything that is not a complete one counts as none, a value that
 * does not open too (the reader answers again over it, and can always delete the account).
 */
function openBackground(userId: string, envelope: string | null): Background | null {
  const opened = envelope ? sealedBackground.openOrNull(envelope, [userId]) : null;
  if (opened === null) return null;
  const parsed = backgroundSchema.safeParse(JSON.parse(opened));
  return parsed.success ? parsed.data : null;
}

/** A kept profile is never handed out itself: callers may change what they get. */
const copyOf = (profile: ReaderProfile): ReaderProfile => ({ ...profile, background: profile.background && { ...profile.background } });

/**
 * Kept in memory on the embedded database (db's `keptRows`: this process makes every change), and
 * on Postgres with Redis while the reader's shared stamp holds, so a signed-in request reads no row
 * and opens no envelope; every writer below forgets the reader's entry once its change is committed
 * (renewing the stamp, so every instance loads it again).
 */
const keptProfiles = () => keptRows<ReaderProfile>("reader profiles", rowStamps("profile"));

export async function readProfile(userId: string): Promise<ReaderProfile> {
  const profile = await (
    await keptProfiles()
  ).read(userId, async () => {
    const db = await database();
    const [row] = await db.select().from(readerProfile).where(eq(readerProfile.userId, userId));
    const background = openBackground(userId, row?.backgroundCiphertext ?? null);
    return { background, profileCompleted: background !== null, createdAt: row?.createdAt ?? null, updatedAt: row?.updatedAt ?? null };
  });
  return copyOf(profile);
}

export async function readBackground(userId: string): Promise<Background | null> {
  return (await readProfile(userId)).background;
}

type Writer = Pick<Database, "insert">;

/** Seals and stores a complete background for `userId`, creating or replacing the row. */
async function storeSealed(db: Writer, userId: string, background: Background): Promise<Date> {
  const sealed = sealBackground(userId, background);
  const now = new Date();
  const [row] = await db
    .insert(readerProfile)
    .values({ userId, ...sealed, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: readerProfile.userId, set: { ...sealed, updatedAt: now } })
    .returning({ updatedAt: readerProfile.updatedAt });
  return row!.updatedAt;
}

/** Stores a complete background (sign-up, parsed at the edge), replacing any earlier one. */
export async function writeBackground(userId: string, background: Background): Promise<{ updatedAt: Date }> {
  const db = await database();
  const updatedAt = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(readerProfile).where(eq(readerProfile.userId, userId)).for("update");
    const stored = await storeSealed(tx, userId, background);
    await countAnswerChange(tx, openBackground(userId, row?.backgroundCiphertext ?? null), background);
    return stored;
  });
  await (await keptProfiles()).forget(userId);
  return { updatedAt };
}

/** An account about to be deleted: its answers leave the authors' counts (ADR-0021). */
export async function uncountBackground(userId: string): Promise<void> {
  await (await keptProfiles()).forget(userId);
  const db = await database();
  const [row] = await db.select().from(readerProfile).where(eq(readerProfile.userId, userId));
  await countAnswerChange(db, openBackground(userId, row?.backgroundCiphertext ?? null), null);
}

/**
 * Applies a subset of answers to the stored background. A reader without a background must
 * give all three. The audit row names the fields; the old and new levels are kept encrypted
 * like the profile itself, so no background value is ever readable in the database.
 */
export async function updateBackground(
  userId: string,
  update: BackgroundUpdate,
  context: AuditContext,
  /** Where the answers were given, kept in the audit row's details (the /welcome step says `step: "welcome"`). */
  auditDetails: Record<string, string> = {},
): Promise<{ background: Background; updatedAt: Date }> {
  // Parsed at the edge (backgroundUpdateSchema); only the merge with what is stored is judged here.
  const answers = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
  const db = await database();
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(readerProfile).where(eq(readerProfile.userId, userId)).for("update");
    const previous = openBackground(userId, row?.backgroundCiphertext ?? null);
    const merged = backgroundSchema.safeParse({ ...previous, ...answers });
    if (!merged.success) {
      const missing = backgroundFields.find((field) => !(field in answers));
      throw new ApiError("INVALID_INPUT", "Answer all three background questions first.", {
        field: `background.${missing ?? backgroundFields[0]}`,
        reason: "required while the profile is incomplete",
      });
    }
    const background = merged.data;
    const updatedAt = await storeSealed(tx, userId, background);
    await countAnswerChange(tx, previous, background);
    const changes = backgroundFields
      .filter((field) => previous?.[field] !== background[field])
      .map((field) => ({ field, from: previous?.[field] ?? null, to: background[field] }));
    if (changes.length > 0) {
      // In the transaction: concurrent updates leave their audit rows in the order they committed.
      const details = { ...auditDetails, fields: changes.map((change) => change.field) };
      await recordAuditEvent({ event: "profile_change", userId, context, details, sealedLevels: JSON.stringify(changes) }, tx);
    }
    return { background, updatedAt };
  });
  await (await keptProfiles()).forget(userId);
  return { background: result.background, updatedAt: result.updatedAt };
}
