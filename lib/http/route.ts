import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { applyCors, preflightResponse } from "./cors";
import { bearerAlone, refuseCrossSiteCookieWrite, withholdIssuedToken } from "./csrf";
import { isValueRefusedByDatabase, refuseHostileUrl, valueRefused } from "./edge";
import { ApiError, errorBody, invalidInputFrom } from "./errors";
import { applySecurityHeaders } from "./headers";
import { accessLogger, logger } from "./logger";
import { isDependencyUnavailable, serviceUnavailable } from "./unavailable";
import { databaseAnswers, observeRequest } from "@/lib/ops";

export type RouteContext = { requestId: string; params: Record<string, string | string[]> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response> | Response;
type NextRouteContext = { params?: Promise<Record<string, string | string[]>> };

const requestIdPattern = /^[\w.:-]{8,128}$/;

/**
 * The path as logs and metrics may show it. Better Auth carries tokens in path segments
 * (`/api/auth/reset-password/<token>`), so under /api/auth only the endpoint's first segment
 * is kept; Lectern's own API paths have no variable segments.
 */
export function loggablePath(pathname: string): string {
  const auth = /^\/api\/auth\/([^/]+)/.exec(pathname);
  if (auth) return `/api/auth/${auth[1]}${pathname.length > auth[0].length ? "/…" : ""}`;
  return pathname.slice(0, 120);
}

/** The text of each answer `json` made, so a server writing it need not read the body's stream back. */
const jsonTexts = new WeakMap<Response, string>();

/** The answer's headers with a JSON content type unless they name one (a Headers object only when there are others). */
function jsonHeaders(given: HeadersInit | undefined): HeadersInit {
  if (given === undefined) return { "content-type": "application/json" };
  const headers = new Headers(given);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return headers;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body) as string | undefined;
  if (text === undefined) throw new TypeError("json: the value has no JSON form"); // as Response.json refuses it
  const response = new Response(text, { ...init, headers: jsonHeaders(init.headers) });
  jsonTexts.set(response, text);
  return response;
}

/**
 * The body of an answer `json` made, unread (undefined for any other Response): the hot-route
 * dispatcher writes it as it is, where reading the stream back cost 8 % of a health check's CPU.
 */
export function jsonTextOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : jsonTexts.get(response);
}

export function errorResponse(error: ApiError): Response {
  return json(errorBody(error), { status: error.status, headers: error.headers });
}

function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return invalidInputFrom(error);
  if (isValueRefusedByDatabase(error)) {
    logger().warn({ requestId, err: error }, "the database refused a value from the request");
    return valueRefused();
  }
  if (isDependencyUnavailable(error)) {
    logger().warn({ requestId, err: error }, "dependency unavailable");
    return serviceUnavailable();
  }
  logger().error({ requestId, err: error }, "unhandled error");
  return new ApiError("INTERNAL_ERROR", `Something went wrong on our side. Quote request id ${requestId}.`);
}

/**
 * An error of Better Auth (an APIError) no route mapped: it may carry no cause to say what
 * failed (sign-up's "Failed to create user" is a 422 when its insert fails).
 */
function isLibraryServerError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "APIError";
}

/** Better Auth's "FAILED_TO_GET_SESSION", "FAILED_TO_CREATE_USER", …: its storage failed. */
function isStorageFailure(error: unknown): boolean {
  const code = (error as { body?: { code?: unknown } } | null)?.body?.code;
  return typeof code === "string" && code.startsWith("FAILED_TO_");
}

/**
 * Wraps a route handler with what every API response needs: request id, error envelope
 * (never a stack trace), security headers, CORS for the book's origins and an access log.
 */
export function apiRoute(handler: RouteHandler) {
  return async (incomingRequest: Request, nextContext?: NextRouteContext): Promise<Response> => {
    const started = performance.now();
    const request = bearerAlone(incomingRequest);
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    let response: Response;
    try {
      refuseHostileUrl(new URL(request.url));
      refuseCrossSiteCookieWrite(request);
      const params = (await nextContext?.params) ?? {};
      response = await handler(request, { requestId, params });
    } catch (error) {
      let apiError = toApiError(error, requestId);
      // A library may drop the cause (Better Auth's "Failed to create user"): if the database
      // does not answer now, the honest answer is 503, not a bug report.
      if (apiError.code === "INTERNAL_ERROR" && isLibraryServerError(error) && (isStorageFailure(error) || !(await databaseAnswers()))) {
        apiError = serviceUnavailable();
      }
      response = errorResponse(apiError);
    }
    // Responses from libraries (Better Auth) may have immutable headers; copy when needed.
    response = withMutableHeaders(response);
    applySecurityHeaders(response.headers);
    withholdIssuedToken(request, response.headers);
    applyCors(request, response.headers);
    response.headers.set("X-Request-Id", requestId);
    // API answers carry tokens and personal data: no cache keeps one unless a route says otherwise.
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    const path = loggablePath(new URL(request.url).pathname);
    const ms = performance.now() - started;
    observeRequest(request.method, path, response.status, ms / 1000);
    accessLogger().info({ requestId, method: request.method, path, status: response.status, ms: Math.round(ms) }, "request");
    return response;
  };
}

/** The OPTIONS export every API route file needs (Next answers none by itself for us). */
export function preflight(request: Request): Response {
  const response = preflightResponse(request);
  applySecurityHeaders(response.headers);
  return response;
}

function withMutableHeaders(response: Response): Response {
  try {
    response.headers.set("X-Lectern", "1");
    response.headers.delete("X-Lectern");
    return response;
  } catch {
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    });
  }
}
