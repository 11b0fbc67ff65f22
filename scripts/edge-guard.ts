import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "@/lib/config";
import { loggablePath, logger, securityHeaders } from "@/lib/http";
import { checkActionBody, maxActionBodyBytes } from "./action-body";

/**
 * Requests the server answers itself, before Next: ones Next would turn into a 500 rather than
 * refuse. TRACE and TRACK cannot even be made into a fetch Request (Next throws); a server action
 * posted from a foreign origin (or `Origin: null`) is aborted by Next with a 500 after logging
 * the attempt, headers and all; and an action body React cannot decode is a 500 too. Each is a
 * 4xx in the contract's envelope here, with one JSON log line.
 */
const refusedMethods = new Set(["TRACE", "TRACK", "CONNECT"]);

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? "/", "http://lectern").pathname;
  } catch {
    return "/";
  }
}

type Refusal = { status: number; code: string; message: string; reason: string; extra?: Record<string, string> };

/** A refused request's body is read and dropped up to this much, so the client sees the answer instead of a broken pipe. */
const discardedBodyBytes = 8 * 1024 * 1024;

function discardBody(request: IncomingMessage): void {
  if (request.readableEnded) return;
  let seen = 0;
  request.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > discardedBodyBytes) request.destroy();
  });
  request.resume();
}

function answer(request: IncomingMessage, response: ServerResponse, refusal: Refusal): true {
  const { status, code, message, reason, extra = {} } = refusal;
  logger().warn({ method: request.method, path: loggablePath(pathOf(request)), status, reason }, "refused before Next");
  discardBody(request);
  response.writeHead(status, { ...securityHeaders, "Content-Type": "application/json", "Cache-Control": "no-store", ...extra });
  response.end(JSON.stringify({ error: { code, message, details: { reason } } }));
  return true;
}

/** Lectern's own host: the request's (as a browser addressed it) or BETTER_AUTH_URL's. */
function sameHost(origin: string, request: IncomingMessage): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed or privacy-sensitive page) or garbage
  }
  const addressed = request.headers["x-forwarded-host"]?.toString() ?? request.headers.host;
  return host === addressed || host === new URL(config().BETTER_AUTH_URL).host;
}

/** A server action: React's fetch (`Next-Action`), or a form posted to a page without JavaScript. */
function isActionRequest(request: IncomingMessage, method: string, pathname: string): { fetchAction: boolean } | null {
  if (method !== "POST") return null;
  if (request.headers["next-action"]) return { fetchAction: true };
  if (pathname.startsWith("/api/")) return null;
  return /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(request.headers["content-type"] ?? "") ? { fetchAction: false } : null;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxActionBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // The rest is dropped by the refusal (discardBody); nothing more is kept.
      request.off("data", onData);
      request.pause();
      reject(new BodyTooLarge());
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

const tooLarge: Refusal = {
  status: 413,
  code: "INVALID_INPUT",
  message: `The form is larger than ${maxActionBodyBytes / 1024 / 1024} MiB.`,
  reason: "too large",
};

/** Next's request metadata: an action body read here is handed to it there, as Next does itself for a resumed request. */
const nextRequestMeta = Symbol.for("NextInternalRequestMeta");

async function refuseActionBody(request: IncomingMessage, response: ServerResponse, fetchAction: boolean): Promise<boolean> {
  if (Number(request.headers["content-length"] ?? 0) > maxActionBodyBytes) return answer(request, response, tooLarge);
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) return answer(request, response, tooLarge);
    throw error;
  }
  const verdict = await checkActionBody(body, request.headers["content-type"] ?? "", fetchAction);
  if (!verdict.ok) {
    return answer(request, response, {
      status: 400,
      code: "INVALID_INPUT",
      message: "This is not a form Lectern's pages send.",
      reason: verdict.reason,
    });
  }
  const holder = request as unknown as Record<symbol, Record<string, unknown> | undefined>;
  holder[nextRequestMeta] = { ...holder[nextRequestMeta], actionBody: body };
  return false;
}

/** Answers and resolves true when the request must not reach Next; false to hand it on. */
export async function answeredBeforeNext(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const method = (request.method ?? "GET").toUpperCase();
  if (refusedMethods.has(method)) {
    return answer(request, response, {
      status: 405,
      code: "INVALID_INPUT",
      message: `The ${method} method is not supported.`,
      reason: "method not supported",
      extra: { Allow: "GET, HEAD, POST, PUT, OPTIONS" },
    });
  }
  const action = isActionRequest(request, method, pathOf(request));
  if (!action) return false;
  const origin = request.headers.origin;
  if (origin !== undefined && !sameHost(origin, request)) {
    return answer(request, response, {
      status: 403,
      code: "FORBIDDEN",
      message: "This form was sent from a site Lectern does not trust.",
      reason: "untrusted origin",
    });
  }
  return refuseActionBody(request, response, action.fetchAction);
}
