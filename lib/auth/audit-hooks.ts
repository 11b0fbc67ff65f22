import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { countSignInFailure } from "@/lib/ops";
import { auditContextFrom, recordAuditEvent } from "@/lib/profile";
import { userIdForEmail } from "./users";

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
