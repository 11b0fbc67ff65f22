import { getAuth } from "./instance";
import { quickSession } from "./session-read";

const sessionPath = "/api/auth/get-session";

/**
 * `GET /api/auth/get-session` without query parameters, the book's most frequent call. A guest
 * and a live bearer session are answered from `quickSession` with the body and headers Better Auth's
 * endpoint gives (a test holds the two equal); anything else through `auth.api.getSession` as a
 * Response: the same hooks (bearer, rate limits), headers and body as Better Auth's HTTP
 * handler, without the handler building its whole router again for each request (about a tenth
 * of a session read's CPU, docs/performance.md). Null for any other request, which goes to the
 * handler.
 */
export async function sessionReadResponse(request: Request): Promise<Response | null> {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.pathname !== sessionPath || url.search !== "") return null;
  const quick = await quickSession(request.headers);
  if (quick !== undefined) return Response.json(quick, { headers: { "cache-control": "no-store", pragma: "no-cache" } });
  const auth = await getAuth();
  return auth.api.getSession({ headers: request.headers, asResponse: true });
}
