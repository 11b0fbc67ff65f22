import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { countSignInFailure } from "@/lib/ops";
import { auditContextFrom, recordAuditEvent } from "@/lib/profile";
import { passkeyOwnerId, userIdForEmail } from "./users";

/**
 * Audit rows for events that reach Better Auth by any path (its own HTTP endpoints, the REST
 * contract or the pages), written from its hooks so no entry point can skip them.
 */

function emailOf(body: Record<string, unknown>): string | null {
  return typeof body.email === "string" ? body.email : null;
}

async function emailUserId(body: Record<string, unknown>): Promise<string | null> {
  const email = emailOf(body);
  return email ? userIdForEmail(email) : null;
}

/** What an endpoint answered with `ctx.json(…)`: the object itself, or better-call's wrapper around it. */
function returnedBody(returned: unknown): Record<string, unknown> | null {
  if (!returned || typeof returned !== "object") return null;
  const wrapped = returned as { _flag?: unknown; body?: unknown };
  const body = wrapped._flag === "json" ? wrapped.body : returned;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : null;
}

/** The reader a passkey answer claims to be, by its credential id (null for an unknown or removed passkey). */
async function passkeyOwner(body: Record<string, unknown>): Promise<string | null> {
  const credentialId = (body.response as { id?: unknown } | undefined)?.id;
  return typeof credentialId === "string" && credentialId ? passkeyOwnerId(credentialId) : null;
}

export const auditAfterHook = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  const failed = isAPIError(returned);
  const context = auditContextFrom(ctx.request ?? ctx.headers);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  switch (ctx.path) {
    case "/sign-in/email":
      if (failed) {
        countSignInFailure(String(returned.body?.code ?? returned.status));
        await recordAuditEvent({
          event: "sign_in_failed",
          userId: await emailUserId(body),
          context,
          details: { reason: returned.body?.code ?? returned.status },
        });
      } else if (ctx.context.newSession) {
        await recordAuditEvent({ event: "sign_in", userId: ctx.context.newSession.user.id, context });
      }
      return;
    case "/passkey/verify-authentication":
      if (failed) {
        countSignInFailure(String(returned.body?.code ?? returned.status));
        await recordAuditEvent({
          event: "sign_in_failed",
          userId: await passkeyOwner(body),
          context,
          details: { method: "passkey", reason: returned.body?.code ?? returned.status },
        });
      } else if (ctx.context.newSession) {
        await recordAuditEvent({ event: "sign_in", userId: ctx.context.newSession.user.id, context, details: { method: "passkey" } });
      }
      return;
    case "/passkey/verify-registration": {
      const added = failed ? null : returnedBody(returned);
      if (added && typeof added.userId === "string") {
        await recordAuditEvent({ event: "passkey_added", userId: added.userId, context, details: { passkey_id: added.id, device_type: added.deviceType } });
      }
      return;
    }
    case "/passkey/delete-passkey":
      if (!failed && ctx.context.session) {
        await recordAuditEvent({ event: "passkey_removed", userId: ctx.context.session.user.id, context, details: { passkey_id: body.id } });
      }
      return;
    case "/change-password":
      if (!failed && ctx.context.session) {
        await recordAuditEvent({ event: "password_change", userId: ctx.context.session.user.id, context });
      }
      return;
    case "/request-password-reset": {
      const userId = await emailUserId(body);
      if (userId) await recordAuditEvent({ event: "password_reset_requested", userId, context });
      return;
    }
    case "/verify-email":
      if (!failed && ctx.context.newSession) {
        await recordAuditEvent({ event: "email_verified", userId: ctx.context.newSession.user.id, context });
      }
      return;
  }
});

const sessionEndingPaths: Record<string, "sign_out" | "session_revoked"> = {
  "/sign-out": "sign_out",
  "/revoke-session": "session_revoked",
  "/revoke-sessions": "session_revoked",
  "/revoke-other-sessions": "session_revoked",
};

/** A session row deleted by sign-out or revocation (expiry clean-up and deletion are not events). */
export async function auditSessionDeleted(
  session: { id: string; userId: string },
  context: { path?: string; request?: Request; headers?: Headers } | null,
): Promise<void> {
  const event = context?.path ? sessionEndingPaths[context.path] : undefined;
  if (!event) return;
  await recordAuditEvent({
    event,
    userId: session.userId,
    context: auditContextFrom(context?.request ?? context?.headers),
    details: { session_id: session.id },
  });
}
