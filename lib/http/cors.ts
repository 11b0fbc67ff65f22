import { config } from "@/lib/config";
import { presentedSession } from "./request";

const allowedHeaders = "Content-Type, Authorization, X-Request-Id";
const exposedHeaders = "Retry-After, X-Request-Id, X-RateLimit-Remaining";
/** Only a bearer client gets its replaced token; a cookie session is never handed to script (./csrf). */
const exposedToBearers = `set-auth-token, ${exposedHeaders}`;
const allowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/** The origin when it is one of BOOK_ORIGINS, else null: no grant (Lectern's own pages are same-origin and need none). */
export function allowedOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  const { BOOK_ORIGINS } = config();
  return BOOK_ORIGINS.includes(origin) ? origin : null;
}

/** CORS grant for an allowed origin, with credentials (cookies) and the headers the client reads. */
export function applyCors(request: Request, headers: Headers): void {
  headers.append("Vary", "Origin");
  // Better Auth's bearer plugin sets its own list; Lectern's decides.
  headers.delete("Access-Control-Expose-Headers");
  const origin = allowedOrigin(request);
  if (!origin) return;
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Allow-Credentials", "true");
  headers.set("Access-Control-Expose-Headers", presentedSession(request)?.via === "bearer" ? exposedToBearers : exposedHeaders);
}

/** Answers a preflight: 204 always; the grant headers only for an allowed origin. */
export function preflightResponse(request: Request): Response {
  const headers = new Headers();
  applyCors(request, headers);
  if (allowedOrigin(request)) {
    headers.set("Access-Control-Allow-Methods", allowedMethods);
    headers.set("Access-Control-Allow-Headers", allowedHeaders);
    headers.set("Access-Control-Max-Age", "600");
  }
  return new Response(null, { status: 204, headers });
}
