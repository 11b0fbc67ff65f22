import { errorResponse, rateLimitedError } from "@/lib/http";

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
  const seconds = Number.parseInt(response.headers.get("X-Retry-After") ?? "", 10);
  return errorResponse(rateLimitedError(Number.isFinite(seconds) ? Math.max(1, seconds) : fallbackRetryAfterSeconds));
}
