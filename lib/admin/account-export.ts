import { getAuthenticatorName } from "@better-auth/passkey";
import { and, asc, eq, ne } from "drizzle-orm";
import { database, flushPendingWrites } from "@/db";
import { account as accountTable, auditEvent, passkey, personalizationEvent, readerProfile, readingProgress, sectionFeedback, user } from "@/db/schema";
import { getAuth } from "@/lib/auth";
import type { AccountExport } from "@/lib/contract";
import { sealedEventLevels } from "@/lib/personalization";
import { readProfile, sealedChangeLevels } from "@/lib/profile";
import { openFeedbackComment, sealedFeedbackLevels } from "@/lib/reading";
import type { SealedColumn } from "@/lib/sealing";

/**
 * Everything Lectern keeps about one reader, as one JSON document: the reader's own download
 * (`GET /api/v1/auth/export`) and the operator's `npm run admin -- export` are this one
 * function, so the two can never disagree about what "all of it" is. Every query is keyed by
 * the reader's id; sealed values are opened where they are bound (lib/sealing); tokens and the password hash
 * are never read.
 */
export async function accountExport(userId: string): Promise<AccountExport | null> {
  await flushPendingWrites(); // the reader's latest searches, held back for batching, belong in it
  const db = await database();
  const [account] = await db.select().from(user).where(eq(user.id, userId));
  if (!account) return null;
  const [profile, sessions, audits, searches, progress, feedback, passkeys, linked] = await Promise.all([
    readProfile(userId),
    // Better Auth's own listing: sessions may live in secondary storage (Redis), not only in SQL.
    getAuth().then(async (auth) => (await auth.$context).internalAdapter.listSessions(userId)),
    db.select().from(auditEvent).where(eq(auditEvent.userId, userId)).orderBy(asc(auditEvent.occurredAt), asc(auditEvent.id)),
    db
      .select()
      .from(personalizationEvent)
      .where(eq(personalizationEvent.userId, userId))
      .orderBy(asc(personalizationEvent.occurredAt), asc(personalizationEvent.id)),
    db.select().from(readingProgress).where(eq(readingProgress.userId, userId)).orderBy(asc(readingProgress.url)),
    db.select().from(sectionFeedback).where(eq(sectionFeedback.userId, userId)).orderBy(asc(sectionFeedback.url)),
    // Never the public key or credential id: they name the authenticator to Lectern, not to the reader.
    db
      .select({
        id: passkey.id,
        name: passkey.name,
        createdAt: passkey.createdAt,
        deviceType: passkey.deviceType,
        backedUp: passkey.backedUp,
        aaguid: passkey.aaguid,
      })
      .from(passkey)
      .where(eq(passkey.userId, userId))
      .orderBy(asc(passkey.createdAt), asc(passkey.id)),
    // The provider's name only: never its tokens or the reader's id at the provider.
    db
      .select({ provider: accountTable.providerId, linkedAt: accountTable.createdAt })
      .from(accountTable)
      .where(and(eq(accountTable.userId, userId), ne(accountTable.providerId, "credential")))
      .orderBy(asc(accountTable.createdAt), asc(accountTable.providerId)),
  ]);
  const [profileRow] = await db.select({ updatedAt: readerProfile.updatedAt }).from(readerProfile).where(eq(readerProfile.userId, userId));
  return {
    format: "lectern-account-export/1",
    exported_at: new Date().toISOString(),
    account: {
      user_id: account.id,
      email: account.email,
      email_verified: account.emailVerified,
      created_at: account.createdAt.toISOString(),
      updated_at: account.updatedAt.toISOString(),
      disabled: account.banned === true,
      disabled_reason: account.banned ? (account.banReason ?? null) : null,
    },
    profile: {
      background: profile.background,
      profile_completed: profile.profileCompleted,
      updated_at: profileRow?.updatedAt.toISOString() ?? null,
    },
    sessions: sessions
      .filter((session) => new Date(session.expiresAt).getTime() > Date.now())
      .map((session) => ({
        id: session.id,
        created_at: new Date(session.createdAt).toISOString(),
        updated_at: new Date(session.updatedAt).toISOString(),
        expires_at: new Date(session.expiresAt).toISOString(),
        ip_address: session.ipAddress ?? null,
        user_agent: session.userAgent ?? null,
      })),
    passkeys: passkeys.map((row) => ({
      id: row.id,
      name: row.name,
      created_at: row.createdAt?.toISOString() ?? null,
      device_type: row.deviceType,
      backed_up: row.backedUp,
      authenticator: getAuthenticatorName(row.aaguid) ?? null,
    })),
    linked_accounts: linked.map((row) => ({ provider: row.provider, linked_at: row.linkedAt.toISOString() })),
    audit_events: audits.map((row) => {
      const byAnyone = eventsAnyoneCanCause.has(row.event);
      return {
        occurred_at: row.occurredAt.toISOString(),
        event: row.event,
        ip_address: byAnyone ? null : row.ipAddress,
        user_agent: byAnyone ? null : row.userAgent,
        details: openSealedDetails(row.id, row.details),
      };
    }),
    personalization_events: searches.map((row) => ({
      occurred_at: row.occurredAt.toISOString(),
      query: row.query,
      chapter: row.chapter,
      engine: row.engine,
      result_count: row.resultCount,
      target_levels: openSealed(sealedEventLevels, row.targetLevelsSealed, [row.id]),
    })),
    reading_progress: progress.map((row) => ({ url: row.url, state: row.state, updated_at: row.updatedAt.toISOString() })),
    section_feedback: feedback.map((row) => ({
      url: row.url,
      helpful: row.helpful,
      reason: row.reason,
      comment: openFeedbackComment(row),
      target_levels: openSealed(sealedFeedbackLevels, row.targetLevelsSealed, [row.userId, row.url]),
      created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
    })),
  };
}

/**
 * Events anyone who knows the email can cause (a mistyped address included): the reader sees
 * that and when they happened, but not the address and browser of whoever it was, which may be
 * another reader's. Operators see them in `npm run admin -- audit`.
 */
const eventsAnyoneCanCause = new Set(["sign_in_failed", "password_reset_requested"]);

/** A sealed JSON value back to its content; one that does not open for this row (moved, or under a key no longer listed) stays out. */
function openSealed(column: SealedColumn, envelope: string | null, row: (string | number)[]): Record<string, string> | null {
  const opened = envelope ? column.openOrNull(envelope, row) : null;
  return opened === null ? null : (JSON.parse(opened) as Record<string, string>);
}

/** Profile-change rows keep the old and new levels sealed (`levels`); the reader gets them readable. */
function openSealedDetails(id: number, details: Record<string, unknown>): Record<string, unknown> {
  if (typeof details.levels !== "string") return details;
  try {
    return { ...details, levels: JSON.parse(sealedChangeLevels.open(details.levels, [id])) as unknown };
  } catch {
    const { levels: _sealed, ...rest } = details;
    return rest;
  }
}
