import { consumeRateLimit } from "@/lib/auth";
import { ApiError, clientIp } from "@/lib/http";

/**
 * Limits for the contract routes. `auth.api.*` calls skip Better Auth's limiter, so these
 * consume the same store (database or Redis) under their own keys.
 */
export const contractRateLimits = {
  signup: { windowSeconds: 60, max: 5 },
  signin: { windowSeconds: 60, max: 10 },
  session: { windowSeconds: 60, max: 60 },
} as const;

export type ContractLimit = keyof typeof contractRateLimits;

/** Per client IP; sign-in is also limited per email, inside Better Auth (lib/auth/guard-hooks.ts). */
export async function enforceRateLimit(rule: ContractLimit, request: Request): Promise<void> {
  const who = clientIp(request) ?? "unknown";
  const { allowed, retryAfterSeconds } = await consumeRateLimit({
    key: `v1:${rule}:${who}`,
    ...contractRateLimits[rule],
  });
  if (allowed) return;
  throw new ApiError(
    "RATE_LIMITED",
    `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
    undefined,
    429,
    { "Retry-After": String(retryAfterSeconds) },
  );
}
