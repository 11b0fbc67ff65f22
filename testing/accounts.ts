import { randomInt, randomUUID } from "node:crypto";
import type { Background } from "@/lib/profile";

/**
 * Helpers for the API suites: unique readers (suites may share one Postgres database) and
 * requests shaped like the book's, each from its own client address so rate limits of one
 * test never touch another (servers run with TRUSTED_PROXY_HOPS = 1 and X-Forwarded-For).
 */
export const sampleBackground: Background = {
  software_experience: "intermediate",
  programming_background: "basic",
  hardware_knowledge: "none",
};

/** The two ends of the background range, used by the ranking suites of both engines. */
export const newToHardware: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
export const hardwareExpert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };

export const bookOrigin = "http://localhost:3001";

export function uniqueEmail(prefix = "reader"): string {
  return `${prefix}-${randomUUID()}@example.org`;
}

export function uniqueIp(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/** A Request as the Lectern server hands it to route code (trusted client IP header set). */
export function serverRequest(options: { token?: string; ip?: string; cookie?: string } = {}): Request {
  const headers = new Headers({ "user-agent": "accounts-suite", "x-lectern-client-ip": options.ip ?? uniqueIp() });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  return new Request("http://localhost:3000/api/v1/test", { headers });
}

export type CallOptions = {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (malformed JSON, other content types); Content-Type defaults to JSON. */
  raw?: string;
  token?: string;
  cookie?: string;
  ip?: string;
  origin?: string;
  headers?: Record<string, string>;
  /** Abort after this long (default: wait as long as the server takes; the test's own timeout bounds it). */
  timeoutMs?: number;
};

/** A real HTTP request to a test server, from a given client address. */
export async function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers({
    "user-agent": "accounts-suite",
    "x-forwarded-for": options.ip ?? uniqueIp(),
    origin: options.origin ?? bookOrigin,
  });
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("cookie", options.cookie);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return fetch(new URL(path, baseUrl), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
    signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
  });
}

/** A JSON answer: status, parsed body (null when empty, the text when not JSON), the text itself, headers and time taken. */
// The body is whatever the server sent; the suites assert its shape, so it is left untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; body: any; text: string; headers: Headers; ms: number };

/** `call`, with the body read as JSON: what most API assertions want. */
export async function callJson(baseUrl: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const started = performance.now();
  const response = await call(baseUrl, path, options);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text; // not JSON (a proxy's or Next's own page): kept as text for the failure message
  }
  return { status: response.status, body, text, headers: response.headers, ms: performance.now() - started };
}

/** `name=value` pairs of a response's Set-Cookie headers, for the next request's Cookie header. */
export function cookiesOf(response: Response): string {
  return cookieHeaderOf(response.headers);
}

export function cookieHeaderOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
