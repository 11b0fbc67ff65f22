import { createHash } from "node:crypto";
import { clientAddress, presentedSession } from "@/lib/http";

/**
 * What a rule is keyed by, from the request's headers. Only the Lectern server sets the client
 * address header (the socket peer, or what the nearest trusted proxy saw: TRUSTED_PROXY_HOPS);
 * it is keyed as Better Auth keys it (`::ffff:` mapped to IPv4, IPv6 by its /64).
 */
export function addressOf(headers: Headers | null | undefined): string {
  return clientAddress(headers) ?? "unknown";
}

export function normalizedEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The one key of a session, whoever counts it (Better Auth's hooks, the contract's routes, the
 * pages' actions): a digest of its token, so counters never hold a usable credential.
 */
export function sessionKey(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 22);
}

/** The key of the session a request presents (lib/http's `presentedSession`: bearer, else cookie), or null. */
export function sessionOf(headers: Headers | null | undefined): string | null {
  const presented = presentedSession(headers);
  return presented ? sessionKey(presented.token) : null;
}
