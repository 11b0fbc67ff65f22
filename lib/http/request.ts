import type { z } from "zod";
import { refuseHostileJson } from "./edge";
import { ApiError, invalidInputFrom } from "./errors";

/** Largest JSON body the API reads; the contract's bodies are a few hundred bytes. */
export const maxJsonBodyBytes = 16 * 1024;

/** Header the Lectern server sets from the socket (or trusted proxies); clients cannot forge it. */
export const clientIpHeader = "x-lectern-client-ip";

type HasHeaders = Request | Headers | null | undefined;
const headersOf = (source: HasHeaders) => (source instanceof Request ? source.headers : source);

export function clientIp(source: HasHeaders): string | null {
  return headersOf(source)?.get(clientIpHeader) ?? null;
}

export function userAgent(source: HasHeaders): string | null {
  return headersOf(source)?.get("user-agent")?.slice(0, 512) ?? null;
}

/**
 * Reads a JSON body and validates it: wrong content type, oversized, malformed or
 * schema-invalid bodies all become INVALID_INPUT (413 for size) naming what is wrong.
 */
export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new ApiError("INVALID_INPUT", "Send the body as JSON (Content-Type: application/json).", {
      field: "content-type",
      reason: "expected application/json",
    });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxJsonBodyBytes) throw bodyTooLarge();
  const text = await readLimited(request, maxJsonBodyBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError("INVALID_INPUT", "The body is not valid JSON.", { field: "body", reason: "malformed JSON" });
  }
  refuseHostileJson(parsed);
  const result = schema.safeParse(parsed);
  if (!result.success) throw invalidInputFrom(result.error);
  return result.data;
}

/**
 * Validates URL query parameters (absent parameters are undefined, never ""). A parameter given
 * twice is refused rather than letting the last one silently win.
 */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const entries = [...new URL(request.url).searchParams.entries()];
  const repeated = entries.find(([name], index) => entries.findIndex(([other]) => other === name) !== index)?.[0];
  if (repeated !== undefined) {
    throw new ApiError("INVALID_INPUT", `The parameter "${repeated}" is given more than once.`, {
      field: repeated,
      reason: "given more than once",
    });
  }
  const params = Object.fromEntries(entries.filter(([, value]) => value !== ""));
  const result = schema.safeParse(params);
  if (!result.success) throw invalidInputFrom(result.error);
  return result.data;
}

/**
 * Buffers a request's body up to `limit` bytes and hands back an equivalent Request, so code
 * that reads bodies without a limit (Better Auth's handler) never sees an oversized one.
 */
export async function withBodyLimit(request: Request, limit = maxJsonBodyBytes): Promise<Request> {
  if (!request.body) return request;
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw bodyTooLarge(limit);
  const body = await readLimited(request, limit);
  return new Request(request, { body, duplex: "half" } as RequestInit);
}

function bodyTooLarge(limit = maxJsonBodyBytes): ApiError {
  return new ApiError("INVALID_INPUT", `The body is larger than ${limit / 1024} KiB.`, { field: "body", reason: "too large" }, 413);
}

async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

const sessionCookiePattern = /(?:^|;\s*)(?:__Secure-)?lectern\.session_token=([^;]+)/;

/** What a request presents as its session, and how: the one parser of Lectern's credentials. */
export type PresentedSession = { via: "bearer" | "cookie"; token: string };

/**
 * The session token a request presents: `Authorization: Bearer <token>` (the raw token or its
 * signed `token.signature` form, as the bearer plugin accepts), else the session cookie. The
 * token is the part before the first dot. Null when neither is presented; a malformed or empty
 * Authorization header is not a bearer (it authenticates nothing).
 */
export function presentedSession(source: HasHeaders): PresentedSession | null {
  const headers = headersOf(source);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers?.get("authorization") ?? "")?.[1];
  if (bearer) return { via: "bearer", token: tokenPart(bearer) };
  const cookie = sessionCookiePattern.exec(headers?.get("cookie") ?? "")?.[1];
  return cookie ? { via: "cookie", token: tokenPart(cookie) } : null;
}

function tokenPart(presented: string): string {
  let decoded = presented;
  try {
    decoded = decodeURIComponent(presented);
  } catch {
    // A malformed escape is kept as sent: it matches no session either way.
  }
  return decoded.split(".")[0]!;
}
