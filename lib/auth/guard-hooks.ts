import { APIError, createAuthMiddleware } from "better-auth/api";
import { refuseStaleResetLink, revokeOtherSessionsOnPasswordChange } from "./password-change-rules";

/**
 * Checks Better Auth runs before its own endpoints (HTTP and `auth.api.*` alike), for rules
 * its options cannot express.
 */
export const guardBeforeHook = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  switch (ctx.path) {
    case "/change-password":
      return revokeOtherSessionsOnPasswordChange(body);
    case "/reset-password":
      await refuseStaleResetLink(ctx);
      return;
    case "/delete-user":
      // Better Auth asks for the password only when the session is older than a day; a stolen
      // bearer token must not be enough to delete the account.
      if (typeof body.password !== "string" || body.password.length === 0) {
        throw new APIError("BAD_REQUEST", { message: "Confirm with your password to delete the account.", code: "PASSWORD_REQUIRED" });
      }
      return;
  }
});
