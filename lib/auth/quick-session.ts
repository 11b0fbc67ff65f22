import { presentedSession } from "@/lib/http";
import { limit, subjectOf } from "@/lib/rate-limit";
import type { Auth } from "./auth";
import { getAuth } from "./instance";

export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

/** A raw session token as Better Auth issues it (32 letters and digits); anything else goes the long way. */
const rawSessionToken = /^[A-Za-z0-9]{16,128}$/;

/** The raw token of `Authorization: Bearer <token>` (lib/http's one parser); a signed `token.signature` goes the long way. */
function bearerToken(headers: Headers): string | null {
  const presented = presentedSession(headers);
  if (presented?.via !== "bearer") return null;
  // A dot means the signed form, whose signature only Better Auth's bearer plugin checks.
  if (headers.get("authorization")!.includes(".")) return null;
  return rawSessionToken.test(presented.token) ? presented.token : null;
}

/**
 * What a request presents, when that is known without Better Auth's endpoint:
 * - null: a guest (no bearer token, no session cookie), counted on the address's guest budget
 *   as Better Auth's hook counts it;
 * - a session: a live bearer session (`quickBearerSession`);
 * - undefined: anything else, for `auth.api.getSession`.
 */
export async function quickSession(headers: Headers): Promise<AuthSession | null | undefined> {
  if (presentedSession(headers) === null) {
    await limit("read", subjectOf(headers));
    return null;
  }
  return quickBearerSession(headers);
}

/**
 * The session behind `Authorization: Bearer <raw session token>`, the book's way of calling
 * (the contract's `session_token`), read with Better Auth's own lookup
 * (`internalAdapter.findSession`: secondary storage, else the session row, with its revocation
 * checks) and without its endpoint machinery: building the endpoint context and hooks, and the
 * bearer plugin signing the token into a cookie only to verify that signature again, with a
 * WebCrypto key import each time. That machinery cost about 40 times the lookup itself
 * (docs/performance.md).
 *
 * Undefined means "go the long way" (`auth.api.getSession`), for everything but a live session
 * that needs no write: a cookie, a signed token, an unknown, revoked or expired token (Better
 * Auth clears the cookie and deletes the row), a session due for its daily slide (Better Auth
 * updates it). The session's read budget is counted as Better Auth's hook counts it.
 */
export async function quickBearerSession(headers: Headers): Promise<AuthSession | undefined> {
  const token = bearerToken(headers);
  if (!token) return undefined;
  const context = await (await getAuth()).$context;
  const found = await context.internalAdapter.findSession(token);
  if (!found) return undefined;
  const { expiresIn, updateAge } = context.sessionConfig;
  const expiresAt = found.session.expiresAt.valueOf();
  const dueForSlide = expiresAt - expiresIn * 1000 + updateAge * 1000 <= Date.now();
  if (expiresAt <= Date.now() || dueForSlide) return undefined;
  await limit("read", subjectOf(headers, { user: found.user.id }));
  return found as AuthSession;
}
