import { eq, sql } from "drizzle-orm";
import { database, type Database } from "@/db";
import { auditEvent } from "@/db/schema";
import { clientAddress, logger, userAgent } from "@/lib/http";
import { sealedChangeLevels } from "./sealed-columns";

export const auditEvents = [
  "sign_up",
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "session_revoked",
  "password_change",
  "password_reset_requested",
  "password_reset",
  "email_verified",
  "profile_change",
  "account_deleted",
  // A reader's passkeys (Better Auth's passkey plugin); details name the passkey's id, never its key.
  "passkey_added",
  "passkey_removed",
  // Operators' actions (npm run admin, docs/admin.md) and data exports; details name the operator.
  "account_viewed",
  "sessions_revoked",
  "account_disabled",
  "account_enabled",
  "account_exported",
  // A school's identity provider registered or removed (npm run admin -- sso; ADR-0040).
  "sso_provider_added",
  "sso_provider_removed",
] as const;
export type AuditEventName = (typeof auditEvents)[number];

/** Who did it, from where: the request's trusted client IP and user agent. */
export type AuditContext = { ip: string | null; userAgent: string | null };

export function auditContextFrom(source: Request | Headers | undefined | null): AuditContext {
  // Keyed as Better Auth keys its session rows: `::ffff:` mapped to IPv4, IPv6 by its /64.
  return { ip: clientAddress(source), userAgent: userAgent(source) };
}

export type AuditRecord = {
  event: AuditEventName;
  userId: string | null;
  context: AuditContext;
  /** Field names, levels, reasons: never a password, token or email. */
  details?: Record<string, unknown>;
  /** Kept in `details.levels`, sealed and bound to the row (a profile change's old and new levels). */
  sealedLevels?: string;
};

/**
 * The one way to write an audit row. A failed write is logged, never thrown: losing an audit
 * row must not lock a reader out, and the log line itself records that the event happened.
 * Given the caller's transaction, the row commits with the change it records (and in the same
 * order as concurrent changes commit), or neither does.
 */
export async function recordAuditEvent(record: AuditRecord, transaction?: Pick<Database, "insert" | "select">): Promise<void> {
  if (transaction) {
    await transaction.insert(auditEvent).values(await auditRow(transaction, record));
    return;
  }
  try {
    const db = await database();
    await db.insert(auditEvent).values(await auditRow(db, record));
  } catch (error) {
    logger().error({ err: error, event: record.event, userId: record.userId }, "audit write failed");
  }
}

async function auditRow(db: Pick<Database, "select">, record: AuditRecord): Promise<typeof auditEvent.$inferInsert> {
  const row = {
    event: record.event,
    userId: record.userId,
    ipAddress: record.context.ip,
    userAgent: record.context.userAgent,
    details: record.details ?? {},
  };
  if (record.sealedLevels === undefined) return row;
  // The id is taken before the insert, so the sealed levels can be bound to their own row.
  const [{ id }] = (await db
    .select({ id: sql<number>`nextval(pg_get_serial_sequence('audit_event', 'id'))::text`.mapWith(Number) })
    .from(sql`(select 1) as one`)) as [{ id: number }];
  return { ...row, id, details: { ...row.details, levels: sealedChangeLevels.seal(record.sealedLevels, [id]) } };
}

/** Account deletion keeps the events but drops what identifies the person (ADR-0006). */
export async function anonymizeAuditEvents(userId: string): Promise<void> {
  const db = await database();
  await db.update(auditEvent).set({ userId: null, ipAddress: null, userAgent: null }).where(eq(auditEvent.userId, userId));
}
