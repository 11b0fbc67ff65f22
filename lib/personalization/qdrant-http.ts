/**
 * Qdrant's REST API over fetch (ADR-0017): the request and answer shapes are
 * @qdrant/js-client-rest's `Schemas`; the transport is ours because that client (1.19.0) reads
 * only the first character of `Retry-After`, sends a URL without a port to 6333 and drops a path
 * in it, and gives each request a fresh timeout instead of what is left of the caller's budget.
 */

/** A non-2xx answer from Qdrant, with the reason its body gives and any `Retry-After`, in ms. */
export class QdrantHttpError extends Error {
  override name = "QdrantHttpError";
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status}: ${reason}`);
  }
}

/** `Retry-After` as delay-seconds (Qdrant sends whole seconds) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value?.trim()) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(date - now, 0);
}

/**
 * Where requests go: QDRANT_URL as any URL reads (no port → 80/443, as a reverse proxy in front
 * of Qdrant expects; Qdrant's own 6333 must be written), its path kept as a prefix.
 */
export function qdrantBaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

export type QdrantHttp = {
  /** One request, cut off after `timeoutMs`; resolves with the body's `result`. */
  request<T>(method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE", path: string, options: { timeoutMs: number; body?: unknown }): Promise<T>;
  /** The root document (`versionInfo`): `{title, version, commit}`. */
  version(timeoutMs: number): Promise<{ version: string }>;
};

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** Qdrant's error body is `{status: {error: "…"}}`; a proxy's may be anything. */
function reasonOf(body: unknown, fallback: string): string {
  const error = (body as { status?: { error?: unknown } } | null)?.status?.error;
  const reason = typeof error === "string" ? error : typeof body === "string" && body ? body : fallback;
  return reason.split("\n")[0]!.slice(0, 300);
}

export function createQdrantHttp(settings: { url: string; apiKey?: string }): QdrantHttp {
  const base = qdrantBaseUrl(settings.url);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(settings.apiKey ? { "api-key": settings.apiKey } : {}),
    // Qdrant writes an answer of more than one segment without TCP_NODELAY, so on a reused
    // connection its second segment waits for our delayed ACK: about 40 ms per search here
    // (2.4 ms on a fresh connection; docs/performance.md). On plain HTTP (loopback, a private
    // network) a new connection costs far less than that; over TLS the handshake would not.
    ...(base.startsWith("http:") ? { connection: "close" } : {}),
  };

  async function send(method: string, path: string, timeoutMs: number, body?: unknown): Promise<unknown> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(Math.max(Math.round(timeoutMs), 1)),
    });
    const answer = await readBody(response);
    if (!response.ok) {
      throw new QdrantHttpError(response.status, reasonOf(answer, response.statusText), parseRetryAfter(response.headers.get("retry-after")));
    }
    return answer;
  }

  return {
    async request<T>(method: string, path: string, options: { timeoutMs: number; body?: unknown }) {
      const answer = (await send(method, path, options.timeoutMs, options.body)) as { result?: T } | null;
      return answer?.result as T;
    },
    async version(timeoutMs) {
      return (await send("GET", "/", timeoutMs)) as { version: string };
    },
  };
}
