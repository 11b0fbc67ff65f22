import { createHash } from "node:crypto";
import { clientIp } from "@/lib/http";

/**
 * What a rule is keyed by, from the request's headers. Only the Lectern server sets the client
 * address header (the socket peer, or what the nearest trusted proxy saw: TRUSTED_PROXY_HOPS).
 */
export function addressOf(headers: Headers | null | undefined): string {
  return clientIp(headers) ?? "unknown";
}

export function normalizedEmail(email: string): string {
  return email.trim().toLowerCase();
}

const sessionCookie = /(?:^|;\s*)(?:__Secure-)?lectern\.session_token=([^;]+)/;

/**
 * The session a request presents (Bearer, else the session cookie) as a key: a digest of the
 * token, so counters never hold a usable credential. Null when none is presented. The token is
 * the part before the first dot (cookies and signed bearers carry `token.signature`).
 */
export function sessionOf(headers: Headers | null | undefined): string | null {
  const authorization = headers?.get("authorization");
  let presented: string | undefined;
  if (authorization?.toLowerCase().startsWith("bearer ")) presented = authorization.slice(7).trim();
  presented ||= sessionCookie.exec(headers?.get("cookie") ?? "")?.[1];
  if (!presented) return null;
  return sessionOfToken(decodeURIComponent(presented).split(".")[0]!);
}

/** The same key from a session token the server already holds. */
export function sessionOfToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 22);
}
