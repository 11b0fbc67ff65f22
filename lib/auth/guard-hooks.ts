import { APIError, createAuthMiddleware } from "better-auth/api";
import { consumeRateLimit } from "./rate-limit";
import { refuseStaleResetLink, revokeOtherSessionsOnPasswordChange } from "./session-policy";

/**
 * Sign-in attempts per email address, whatever the path (Better Auth's endpoint, the REST
 * contract, the page) and whatever the client IP: guesses spread over many addresses still
 * meet this budget. The cost is that a stranger can hold one address's sign-in back for at
 * most one window (ADR-0007).
 */
export const signInPerEmailLimit = { windowSeconds: 300, max: 10 } as const;

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
    case "/sign-in/email": {
      if (typeof body.email !== "string") return;
      const decision = await consumeRateLimit({ key: `sign-in-email:${body.email.trim().toLowerCase()}`, ...signInPerEmailLimit });
      if (!decision.allowed) {
        throw new APIError(
          "TOO_MANY_REQUESTS",
          { message: `Too many sign-in attempts for this address. Try again in ${decision.retryAfterSeconds} seconds.`, code: "RATE_LIMITED" },
          { "X-Retry-After": String(decision.retryAfterSeconds) },
        );
      }
      return;
    }
  }
});
