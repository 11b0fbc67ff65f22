import { getAuth } from "./instance";

const sessionPath = "/api/auth/get-session";

/**
 * `GET /api/auth/get-session` without query parameters, the book's most frequent call, answered
 * through `auth.api.getSession` as a Response: the same hooks (bearer, rate limits), headers and
 * body as Better Auth's HTTP handler, without the handler building its whole router again for
 * each request (about a tenth of a session read's CPU, docs/performance.md). Null for any other
 * request, which goes to the handler.
 */
export async function sessionReadResponse(request: Request): Promise<Response | null> {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.pathname !== sessionPath || url.search !== "") return null;
  const auth = await getAuth();
  return auth.api.getSession({ headers: request.headers, asResponse: true });
}
