/** The contract's codes (DESIGN.md) plus the ways a request can fail before Lectern answers. */
export type LecternErrorCode =
  | "INVALID_INPUT"
  | "UNAUTHORIZED"
  | "INVALID_CREDENTIALS"
  | "USER_NOT_FOUND"
  | "EMAIL_EXISTS"
  | "RATE_LIMITED"
  | "INTERNAL_ERROR"
  | "SEARCH_UNAVAILABLE"
  /** Lectern's database is unreachable for now (503, with Retry-After). */
  | "SERVICE_UNAVAILABLE"
  /** A cookie-session write from an origin Lectern does not trust. */
  | "FORBIDDEN"
  /** No answer at all: Lectern down, DNS, CORS refused, offline. */
  | "UNREACHABLE"
  /** Lectern did not answer within the client's timeout. */
  | "TIMEOUT"
  /** The caller's own signal aborted the request. */
  | "ABORTED"
  /** An answer that is not the contract's JSON (a proxy's HTML error page, say). */
  | "BAD_RESPONSE";

export type LecternErrorDetails = { field?: string; reason?: string };

/** The one error the client throws: a code to branch on, a message safe to show. */
export class LecternError extends Error {
  override name = "LecternError";
  constructor(
    readonly code: LecternErrorCode,
    message: string,
    /** HTTP status when Lectern answered, else null. */
    readonly status: number | null = null,
    readonly details?: LecternErrorDetails,
    /** Seconds to wait, from `Retry-After` on 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** True when Lectern could not be reached or gave up: the book should carry on without it. */
  get isOutage(): boolean {
    return ["UNREACHABLE", "TIMEOUT", "BAD_RESPONSE", "INTERNAL_ERROR", "SEARCH_UNAVAILABLE", "SERVICE_UNAVAILABLE"].includes(this.code);
  }
}

const contractCodes = new Set<string>([
  "INVALID_INPUT",
  "UNAUTHORIZED",
  "INVALID_CREDENTIALS",
  "USER_NOT_FOUND",
  "EMAIL_EXISTS",
  "RATE_LIMITED",
  "INTERNAL_ERROR",
  "SEARCH_UNAVAILABLE",
  "SERVICE_UNAVAILABLE",
  "FORBIDDEN",
]);

/** Reads the error envelope `{"error":{"code","message","details"}}` of a non-2xx answer. */
export async function errorFromResponse(response: Response): Promise<LecternError> {
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === "string" && contractCodes.has(error.code)) {
    return new LecternError(
      error.code as LecternErrorCode,
      typeof error.message === "string" ? error.message : error.code,
      response.status,
      (error.details as LecternErrorDetails | undefined) ?? undefined,
      retryAfterSeconds,
    );
  }
  if (body === null || typeof body !== "object") {
    return new LecternError("BAD_RESPONSE", `Lectern answered ${response.status} without its JSON.`, response.status, undefined, retryAfterSeconds);
  }
  // Better Auth's own routes answer `{code, message}`; the status still says what kind of failure.
  const message = (body as { message?: unknown }).message;
  const code: LecternErrorCode =
    response.status === 401 ? "UNAUTHORIZED" : response.status === 429 ? "RATE_LIMITED" : response.status >= 500 ? "INTERNAL_ERROR" : "INVALID_INPUT";
  return new LecternError(code, typeof message === "string" ? message : `Lectern answered ${response.status}.`, response.status, undefined, retryAfterSeconds);
}
