import { json } from "@/lib/http";
import { getAuth } from "./instance";
import { quickSession } from "./quick-session";

const sessionPath = "/api/auth/get-session";

/** `GET /api/auth/get-session` without query parameters: the book's most frequent call. */
function isPlainSessionRead(request: Request): boolean {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  return url.pathname === sessionPath && url.search === "";
}

/**
 * A plain session read by a guest or a live bearer session, answered from `quickSession` with
 * the body and headers Better Auth's endpoint gives (a test holds them equal). It needs none of
 * the checks around Better Auth's answers (lib/auth/edge): no body, no redirect, and the only
 * token in it is the one the caller presented. Null for anything else.
 */
export async function quickSessionResponse(request: Request): Promise<Response | null> {
  if (!isPlainSessionRead(request)) return null;
  const quick = await quickSession(request.headers);
  if (quick === undefined) return null;
  return json(quick, { headers: { "cache-control": "no-store", pragma: "no-cache" } });
}

/**
 * Any other plain session read, through `auth.api.getSession` as a Response: the same hooks
 * (bearer, rate limits), headers and body as Better Auth's HTTP handler, without the handler
 * building its whole router again for each request (about a tenth of a session read's CPU,
 * docs/performance.md). Null for any other request, which goes to the handler.
 */
export async function sessionReadResponse(request: Request): Promise<Response | null> {
  if (!isPlainSessionRead(request)) return null;
  const auth = await getAuth();
  return auth.api.getSession({ headers: request.headers, asResponse: true });
}
