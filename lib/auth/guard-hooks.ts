import { APIError, createAuthMiddleware } from "better-auth/api";
import { commonPasswordAdvice, isCommonPassword, passkeyNameMaxLength } from "@/lib/contract";
import { refuseStaleResetLink, revokeOtherSessionsOnPasswordChange } from "./password-change-rules";

/**
 * Checks Better Auth runs before its own endpoints (HTTP and `auth.api.*` alike), for rules
 * its options cannot express.
 */
export const guardBeforeHook = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  refuseCommonPassword(ctx.path, body);
  switch (ctx.path) {
    case "/change-password":
      return revokeOtherSessionsOnPasswordChange(body);
    case "/reset-password":
      await refuseStaleResetLink(ctx);
      return;
    case "/passkey/verify-registration":
    case "/passkey/update-passkey":
      // The plugin takes a name of any length; the account page shows it in a list.
      if (typeof body.name === "string" && body.name.trim().length > passkeyNameMaxLength) {
        throw new APIError("BAD_REQUEST", { message: `A passkey's name is at most ${passkeyNameMaxLength} characters.`, code: "INVALID_INPUT" });
      }
      return;
    case "/passkey/verify-authentication":
      return refuseUnreadablePasskeyAnswer(body);
    case "/delete-user":
      // Better Auth asks for the password only when the session is older than a day; a stolen
      // bearer token must not be enough to delete the account.
      if (typeof body.password !== "string" || body.password.length === 0) {
        throw new APIError("BAD_REQUEST", { message: "Confirm with your password to delete the account.", code: "PASSWORD_REQUIRED" });
      }
      return;
  }
});

/** A WebAuthn credential id is at most 1023 bytes: 1364 characters of base64url. */
const credentialIdMaxLength = 1364;

/**
 * The plugin looks the credential up by `response.id` before judging the answer; without a usable id
 * that lookup fails inside the database driver (a 500 on Postgres), so such an answer is refused first.
 */
function refuseUnreadablePasskeyAnswer(body: Record<string, unknown>) {
  const answer = body.response;
  const id = answer && typeof answer === "object" ? (answer as Record<string, unknown>).id : undefined;
  if (typeof id !== "string" || id.length === 0 || id.length > credentialIdMaxLength) {
    throw new APIError("BAD_REQUEST", { message: "This passkey's answer could not be read. Try again, or sign in with your password.", code: "INVALID_INPUT" });
  }
}

/** Where Better Auth takes a new password, and the body field that holds it. */
const newPasswordFields: Record<string, string> = { "/sign-up/email": "password", "/change-password": "newPassword", "/reset-password": "newPassword" };

/** A common password is refused on Better Auth's own endpoints too, as the contract refuses it (NIST 800-63B). */
function refuseCommonPassword(path: string, body: Record<string, unknown>) {
  const field = newPasswordFields[path];
  const password = field ? body[field] : undefined;
  if (typeof password === "string" && isCommonPassword(password)) {
    throw new APIError("BAD_REQUEST", { message: commonPasswordAdvice, code: "PASSWORD_TOO_COMMON" });
  }
}
