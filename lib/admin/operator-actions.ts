import { desc, eq } from "drizzle-orm";
import { database } from "@/db";
import { auditEvent } from "@/db/schema";
import { getAuth, userIdForEmail } from "@/lib/auth";
import type { AccountExport } from "@/lib/contract";
import { ApiError } from "@/lib/http";
import { forgetPersonalizationEvents } from "@/lib/personalization";
import { anonymizeAuditEvents, recordAuditEvent, type AuditEventName } from "@/lib/profile";
import { accountExport } from "./account-export";

/**
 * What an operator can do to one account (`npm run admin`, docs/admin.md). Each action names
 * the account by email and the operator by name, and leaves an audit row saying who did what.
 * Disabling uses Better Auth's admin plugin fields (`banned`, `ban_reason`): the plugin refuses
 * a new session to a disabled reader on every sign-in path.
 */
export type Operator = { name: string };

export type AccountSummary = {
  userId: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  updatedAt: Date;
  disabled: boolean;
  disabledReason: string | null;
  activeSessions: number;
};

export type OperatorSession = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

export type AuditEntry = {
  occurredAt: Date;
  event: string;
  ipAddress: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

const operatorNamePattern = /^[\p{L}\p{N} ._@-]{1,64}$/u;

/** The operator's name as it goes into the audit trail; refuses an empty or odd one. */
export function operatorNamed(name: string | undefined | null): Operator {
  const trimmed = name?.trim() ?? "";
  if (!operatorNamePattern.test(trimmed)) {
    throw new ApiError("INVALID_INPUT", "Say who you are: --operator <name> (letters, digits, space, . _ @ -; at most 64), or set USER.", {
      field: "operator",
      reason: trimmed ? "invalid" : "required",
    });
  }
  return { name: trimmed };
}

async function authContext() {
  return (await getAuth()).$context;
}

async function requireUserId(email: string): Promise<string> {
  const userId = await userIdForEmail(email);
  if (!userId) {
    throw new ApiError("USER_NOT_FOUND", `No account with the email ${email.trim()}.`, { field: "email", reason: "unknown" });
  }
  return userId;
}

function audit(event: AuditEventName, userId: string | null, operator: Operator, details: Record<string, unknown> = {}) {
  // No client address: the operator is at a shell, not behind a browser.
  return recordAuditEvent({
    event,
    userId,
    context: { ip: null, userAgent: "npm run admin" },
    details: { by: "operator", operator: operator.name, ...details },
  });
}

async function activeSessionsOf(userId: string): Promise<OperatorSession[]> {
  const sessions = await (await authContext()).internalAdapter.listSessions(userId);
  return sessions
    .filter((session) => new Date(session.expiresAt).getTime() > Date.now())
    .map((session) => ({
      id: session.id,
      createdAt: new Date(session.createdAt),
      updatedAt: new Date(session.updatedAt),
      expiresAt: new Date(session.expiresAt),
      ipAddress: session.ipAddress ?? null,
      userAgent: session.userAgent ?? null,
    }))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

async function summaryOf(userId: string): Promise<AccountSummary> {
  const found = await (await authContext()).internalAdapter.findUserById(userId);
  if (!found) throw new ApiError("USER_NOT_FOUND", "The account was deleted meanwhile.");
  const account = found as typeof found & { banned?: boolean | null; banReason?: string | null };
  return {
    userId: account.id,
    email: account.email,
    emailVerified: account.emailVerified,
    createdAt: new Date(account.createdAt),
    updatedAt: new Date(account.updatedAt),
    disabled: account.banned === true,
    disabledReason: account.banned ? (account.banReason ?? null) : null,
    activeSessions: (await activeSessionsOf(userId)).length,
  };
}

/** The account behind an email (any letter case). */
export async function findAccount(email: string, operator: Operator): Promise<AccountSummary> {
  const userId = await requireUserId(email);
  await audit("account_viewed", userId, operator, { what: "account" });
  return summaryOf(userId);
}

/** The account's live sessions (never their tokens), most recently used first. */
export async function accountSessions(email: string, operator: Operator): Promise<OperatorSession[]> {
  const userId = await requireUserId(email);
  await audit("account_viewed", userId, operator, { what: "sessions" });
  return activeSessionsOf(userId);
}

/** The account's audit trail, newest first (this lookup is itself the newest entry). */
export async function accountAuditTrail(email: string, operator: Operator, limit = 50): Promise<AuditEntry[]> {
  const userId = await requireUserId(email);
  await audit("account_viewed", userId, operator, { what: "audit" });
  const db = await database();
  const rows = await db
    .select()
    .from(auditEvent)
    .where(eq(auditEvent.userId, userId))
    .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.id))
    .limit(Math.max(1, Math.min(limit, 1000)));
  return rows.map((row) => ({
    occurredAt: row.occurredAt,
    event: row.event,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    details: row.details,
  }));
}

/** Ends every session of the account: cookies and bearer tokens stop working at once. */
export async function signOutEverywhere(email: string, operator: Operator): Promise<{ revoked: number }> {
  const userId = await requireUserId(email);
  const revoked = (await activeSessionsOf(userId)).length;
  await (await authContext()).internalAdapter.deleteUserSessions(userId);
  await audit("sessions_revoked", userId, operator, { sessions: revoked });
  return { revoked };
}

/**
 * Disables the account (Better Auth's ban, without an end date) and ends its sessions: the
 * reader cannot sign in by any path until an operator enables it again.
 */
export async function disableAccount(email: string, operator: Operator, reason?: string): Promise<AccountSummary> {
  const userId = await requireUserId(email);
  const banReason = reason?.trim().slice(0, 500) || `disabled by ${operator.name}`;
  const context = await authContext();
  await context.internalAdapter.updateUser(userId, { banned: true, banReason, banExpires: null, updatedAt: new Date() });
  await context.internalAdapter.deleteUserSessions(userId);
  await audit("account_disabled", userId, operator, { reason: banReason });
  return summaryOf(userId);
}

export async function enableAccount(email: string, operator: Operator): Promise<AccountSummary> {
  const userId = await requireUserId(email);
  await (await authContext()).internalAdapter.updateUser(userId, { banned: false, banReason: null, banExpires: null, updatedAt: new Date() });
  await audit("account_enabled", userId, operator);
  return summaryOf(userId);
}

/**
 * Erases the account the way a reader's own deletion does (ADR-0006): the user, profile,
 * sessions, progress and feedback go; audit and personalization events stay, anonymised.
 */
export async function deleteAccount(email: string, operator: Operator): Promise<{ userId: string }> {
  const userId = await requireUserId(email);
  const context = await authContext();
  await context.internalAdapter.deleteUserSessions(userId);
  await context.internalAdapter.deleteUser(userId);
  await anonymizeAuditEvents(userId);
  await forgetPersonalizationEvents(userId);
  await audit("account_deleted", null, operator);
  return { userId };
}

/** The reader's whole data, as the reader's own download gives it (one function for both). */
export async function exportAccount(email: string, operator: Operator): Promise<AccountExport> {
  const userId = await requireUserId(email);
  await audit("account_exported", userId, operator);
  const document = await accountExport(userId);
  if (!document) throw new ApiError("USER_NOT_FOUND", "The account was deleted meanwhile.");
  return document;
}
