import { enforceRateLimit } from "@/lib/auth";
import { clientIp } from "@/lib/http";

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
export async function limitContractRoute(rule: ContractLimit, request: Request): Promise<void> {
  await enforceRateLimit({ key: `v1:${rule}:${clientIp(request) ?? "unknown"}`, ...contractRateLimits[rule] });
}
