import { z } from "zod";

/** The contract's error codes and the status each one answers with. */
export const errorStatus = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  USER_NOT_FOUND: 404,
  EMAIL_EXISTS: 409,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SEARCH_UNAVAILABLE: 503,
  /** A dependency (the database) is down; the envelope says so and `Retry-After` when to retry. */
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorDetails = { field?: string; reason?: string };

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.object({ field: z.string().optional(), reason: z.string().optional() }).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * Marks an ApiError across module copies: the server started by tsx (scripts/start.ts) and
 * Next's route bundles load lib/http separately, and an error made in one (a Qdrant engine
 * built at start-up) must still be recognised in the other, or a 503 becomes a 500.
 */
const apiErrorBrand = Symbol.for("lectern.api-error");

/** The one error type of Lectern: a contract code, a safe message, optional field details. */
export class ApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[apiErrorBrand] === true;
  }
  readonly [apiErrorBrand] = true;
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    /** Overrides the code's usual status (413 for an oversized INVALID_INPUT body). */
    readonly status: number = errorStatus[code],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** RATE_LIMITED as every Lectern 429 answers: the wait in the message and in `Retry-After`. */
export function rateLimitedError(retryAfterSeconds: number): ApiError {
  return new ApiError("RATE_LIMITED", `Too many requests. Try again in ${retryAfterSeconds} seconds.`, undefined, 429, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/** Turns the first zod issue into INVALID_INPUT naming the field and what was wrong. */
export function invalidInputFrom(error: z.ZodError, prefix?: string): ApiError {
  const issue = error.issues[0]!;
  const dotted = issue.path.map(String).join(".");
  let field = [prefix, dotted].filter(Boolean).join(".") || undefined;
  if (issue.code === "unrecognized_keys") {
    field = [prefix, dotted, issue.keys[0]].filter(Boolean).join(".");
    return new ApiError("INVALID_INPUT", `Unknown field "${field}".`, { field, reason: "unknown field" });
  }
  const reason = issue.message;
  return new ApiError("INVALID_INPUT", field ? `Invalid ${field}: ${reason}` : reason, { field, reason });
}

export function errorBody(error: ApiError): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}
