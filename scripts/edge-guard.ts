import type { IncomingMessage, ServerResponse } from "node:http";
import { securityHeaders } from "@/lib/http";

/**
 * Requests the server answers itself, before Next: ones Next would turn into a 500 rather than
 * refuse. TRACE and TRACK cannot even be made into a fetch Request (Next throws), and a server
 * action posted from a foreign origin is aborted by Next with a 500 after logging the attempt.
 */
const refusedMethods = new Set(["TRACE", "TRACK", "CONNECT"]);

function answer(response: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): true {
  response.writeHead(status, { ...securityHeaders, "Content-Type": "application/json", "Cache-Control": "no-store", ...extra });
  response.end(JSON.stringify({ error: { code, message } }));
  return true;
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Answers and returns true when the request must not reach Next; false to hand it on. */
export function answeredBeforeNext(request: IncomingMessage, response: ServerResponse): boolean {
  const method = (request.method ?? "GET").toUpperCase();
  if (refusedMethods.has(method)) {
    return answer(response, 405, "INVALID_INPUT", `The ${method} method is not supported.`, { Allow: "GET, HEAD, POST, PUT, OPTIONS" });
  }
  const origin = request.headers.origin;
  if (request.headers["next-action"] && origin && !sameHost(origin, request.headers["x-forwarded-host"]?.toString() ?? request.headers.host)) {
    return answer(response, 403, "FORBIDDEN", "This form was sent from a site Lectern does not trust.");
  }
  return false;
}
