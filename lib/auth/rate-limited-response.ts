import { ApiError, errorResponse, rateLimitedError } from "@/lib/http";

/** When Better Auth gives no usable wait; its limiter's longest window. */
const fallbackRetryAfterSeconds = 60;

/**
 * Better Auth's 429 (its limiter or a before-hook) as the contract's: Better Auth answers
 * `{"message"}` with `X-Retry-After`, which the book's client does not read; the contract is the
 * RATE_LIMITED envelope with a standard `Retry-After`. Any other response passes through as is.
 */
export async function contractRateLimitResponse(response: Response): Promise<Response> {
  if (response.status !== 429) return response;
  await response.body?.cancel();
  return errorResponse(rateLimitedFromBetterAuth(response.headers));
}

/** RATE_LIMITED from the headers of Better Auth's 429 (a Response, or an APIError from auth.api). */
export function rateLimitedFromBetterAuth(headers: HeadersInit | undefined): ApiError {
  const seconds = Number.parseInt(new Headers(headers).get("X-Retry-After") ?? "", 10);
  return rateLimitedError(Number.isFinite(seconds) ? Math.max(1, seconds) : fallbackRetryAfterSeconds);
}
