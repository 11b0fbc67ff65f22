import { config } from "@/lib/config";
import { ApiError, errorResponse, logger, presentedSession, refuseHostileJson, serviceUnavailable } from "@/lib/http";
import { databaseAnswers } from "@/lib/ops";
import { getAuth } from "./instance";
import { sessionFromRequest } from "./readers";
import { safeReturnTo } from "./return-to";

/**
 * What Lectern checks around Better Auth's HTTP endpoints, before and after its handler:
 * hostile input never reaches it, its redirects never leave Lectern or the book, its answers
 * never carry another session's token, and its 5xx are the contract's envelope.
 */

/** Better Auth's parameters that name where a browser goes next. */
const redirectParameters = ["callbackURL", "redirectTo", "errorCallbackURL", "newUserCallbackURL"];

function notAllowedRedirect(field: string): ApiError {
  return new ApiError("INVALID_INPUT", `Invalid ${field}: only Lectern's pages and the book's origins are allowed.`, {
    field,
    reason: "not an allowed redirect",
  });
}

function checkRedirectTargets(values: Record<string, unknown>): void {
  for (const field of redirectParameters) {
    const value = values[field];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string" || safeReturnTo(value) === null) throw notAllowedRedirect(field);
  }
}

/**
 * Fields of Better Auth's bodies that are text: some of its schemas accept any JSON there, and
 * an object or null then fails deep in the database layer (a 500). Image may also be null.
 */
const textFields = ["email", "password", "newPassword", "currentPassword", "token", "name", "newEmail", ...redirectParameters];

function checkTextFields(body: Record<string, unknown>): void {
  for (const field of [...textFields, "image"]) {
    if (!(field in body)) continue;
    const value = body[field];
    if (typeof value === "string" || (field === "image" && value === null)) continue;
    throw new ApiError("INVALID_INPUT", `Invalid ${field}: expected text.`, { field, reason: "expected a string" });
  }
}

/** Refuses control characters, prototype keys, non-text in text fields and off-site redirect targets. */
export async function refuseHostileAuthInput(request: Request): Promise<void> {
  checkRedirectTargets(Object.fromEntries(new URL(request.url).searchParams));
  if (!request.body || !/json/i.test(request.headers.get("content-type") ?? "")) return;
  let body: unknown;
  try {
    body = JSON.parse(await request.clone().text());
  } catch {
    return; // Better Auth answers malformed JSON itself, with a 4xx.
  }
  refuseHostileJson(body);
  if (body && typeof body === "object" && !Array.isArray(body)) {
    checkTextFields(body as Record<string, unknown>);
    checkRedirectTargets(body as Record<string, unknown>);
  }
}

/**
 * Better Auth's revoke-session answers `{"status": true}` for a token that is none of the caller's
 * sessions, revoking nothing. Lectern answers 404 instead, the same for an unknown token and for
 * another reader's, so the answer says what happened and reveals nothing more.
 */
export async function refuseForeignRevocation(request: Request): Promise<void> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/revoke-session")) return;
  let token: unknown;
  try {
    token = (JSON.parse(await request.clone().text()) as { token?: unknown } | null)?.token;
  } catch {
    return; // Better Auth answers malformed bodies itself
  }
  if (typeof token !== "string" || !token) return;
  const caller = await sessionFromRequest(request);
  if (!caller) return; // Better Auth answers 401
  const found = await (await (await getAuth()).$context).internalAdapter.findSession(token);
  if (found?.session.userId === caller.user.id) return;
  throw new ApiError("INVALID_INPUT", "No session of yours has this token.", { field: "token", reason: "not one of your sessions" }, 404);
}

/**
 * A Location Better Auth set, judged by what a browser makes of it (`/.//host`, `/\host` and a
 * tab all become another host), and written back absolute so no browser reads it differently.
 */
function safeLocation(location: string): string | null {
  const lectern = new URL(config().BETTER_AUTH_URL).origin;
  let url: URL;
  try {
    url = new URL(location, lectern);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin === lectern || config().BOOK_ORIGINS.includes(url.origin) ? url.href : null;
}

type SessionLike = { token?: unknown; userId?: unknown; expiresAt?: unknown };

function isSessionRecord(value: unknown): value is SessionLike {
  return !!value && typeof value === "object" && "token" in value && "userId" in value && "expiresAt" in value;
}

/**
 * Removes session tokens from a JSON answer: every one in a listing, and a single session's
 * unless it is the one the caller sent as its bearer (a cookie's token stays in the cookie).
 */
function withoutForeignTokens(value: unknown, presented: string | null): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutForeignTokens(item, null));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => [key, withoutForeignTokens(item, presented)] as const);
  const copy = Object.fromEntries(entries) as Record<string, unknown>;
  if (isSessionRecord(value) && value.token !== presented) delete copy.token;
  return copy;
}

/** The token the caller sent as its bearer (raw or signed form), else null. */
function bearerOf(request: Request): string | null {
  const presented = presentedSession(request);
  return presented?.via === "bearer" ? presented.token : null;
}

/**
 * Better Auth's 500s that are the client's doing: the passkey plugin answers any registration it
 * cannot verify (another origin, a broken attestation) with 500 FAILED_TO_VERIFY_REGISTRATION.
 * While the database answers, that is a 400 in plain words; otherwise a failed store, as below.
 */
const clientFaultMessages: Record<string, string> = {
  FAILED_TO_VERIFY_REGISTRATION: "This passkey could not be verified for this site. Try again, or use another device or password manager.",
};

async function clientFaultAnswer(detail: string): Promise<Response | null> {
  const code = /"code":"([A-Z_]+)"/.exec(detail)?.[1];
  const message = code ? clientFaultMessages[code] : undefined;
  if (!code || !message || !(await databaseAnswers())) return null;
  return Response.json({ code, message }, { status: 400 });
}

/** Better Auth's answer made safe to hand to the client (see the module comment). */
export async function shapeAuthResponse(request: Request, response: Response, requestId: string): Promise<Response> {
  const location = response.headers.get("location");
  if (location !== null) {
    const safe = safeLocation(location);
    await response.body?.cancel();
    if (safe === null) {
      logger().warn({ requestId, path: "auth redirect" }, "refused a redirect off Lectern");
      return errorResponse(notAllowedRedirect("callbackURL"));
    }
    const headers = new Headers(response.headers);
    headers.set("location", safe);
    return new Response(null, { status: response.status, headers });
  }
  if (response.status >= 500) {
    const detail = await response.text().catch(() => "");
    const clientFault = await clientFaultAnswer(detail);
    if (clientFault) return clientFault;
    logger().error({ requestId, status: response.status, detail: detail.slice(0, 200) }, "Better Auth answered with a server error");
    // "FAILED_TO_GET_SESSION", "FAILED_TO_CREATE_…": its storage failed, though the database
    // may already answer again by now; anything else is judged by asking the database.
    if (/"code":"FAILED_TO_/.test(detail) || !(await databaseAnswers())) return errorResponse(serviceUnavailable());
    return errorResponse(new ApiError("INTERNAL_ERROR", `Something went wrong on our side. Quote request id ${requestId}.`));
  }
  if (response.ok && /json/i.test(response.headers.get("content-type") ?? "")) {
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, response);
    }
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(withoutForeignTokens(body, bearerOf(request))), { status: response.status, headers });
  }
  return response;
}
