/**
 * Rate limits: the one rules table (`rules.ts`), the entry points that meet them (`limit.ts`:
 * `limit(entry, subject)`), and the stores they count on. Every entry point (Better Auth's
 * endpoints, the REST contract, the pages' actions) limits through here.
 */
import type { RateLimitDecision, RateLimitRule } from "./store";
import { rateLimitStore } from "./counters";

export { rateLimitRules, type RateLimitRuleName } from "./rules";
export {
  databaseRateLimitStore,
  memoryRateLimitStore,
  pruneRateLimitRows,
  redisRateLimitStore,
  type RateLimitDecision,
  type RateLimitRule,
  type RateLimitStore,
} from "./store";
export { redisClient } from "./redis";
export { rowStamps } from "./row-stamps";
export { consumeRule, fastRateLimitStore, rateLimitStore, refundRule } from "./counters";
export { addressOf, normalizedEmail, sessionKey, sessionOf } from "./keys";
export { checkLimit, limit, refundLimit, subjectOf, type LimitEntry, type Subject } from "./limit";
export { deviceTokenLifetimeSeconds, issueDeviceToken, issuedDeviceToken, knownDeviceId, presentedDeviceToken, withDeviceToken } from "./device-token";
export { metricsAllowed } from "./metrics-access";

/** A raw rule on the shared store (tests and callers outside the table). */
export function consumeRateLimit(rule: RateLimitRule): Promise<RateLimitDecision> {
  return rateLimitStore().consume(rule);
}
