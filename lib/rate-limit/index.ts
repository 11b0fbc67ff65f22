/**
 * Rate limits: the one rules table (`rules.ts`) and the stores it counts on. Every entry point
 * (Better Auth's endpoints, the REST contract, the pages' actions) limits through here.
 */
import { config } from "@/lib/config";
import { rateLimitedError } from "@/lib/http";
import { processSingleton } from "@/lib/singleton";
import { rateLimitRules, type RateLimitRuleName } from "./rules";
import { databaseRateLimitStore, memoryRateLimitStore, redisRateLimitStore, type RateLimitDecision, type RateLimitRule, type RateLimitStore } from "./store";
import { redisClient } from "./redis";

export { rateLimitRules, metricsAccess, type RateLimitRuleName, type RateLimitRuleSpec } from "./rules";
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
export { addressOf, normalizedEmail, sessionOf, sessionOfToken } from "./keys";
export { metricsAllowed } from "./metrics-access";

/** Shared by every instance: the database by default, Redis with REDIS_URL. */
export function rateLimitStore(): RateLimitStore {
  const { REDIS_URL } = config();
  return REDIS_URL ? redisRateLimitStore(redisClient(REDIS_URL)) : databaseRateLimitStore;
}

/** Counted without a database write: this process's memory, or Redis with REDIS_URL. */
export function fastRateLimitStore(): RateLimitStore {
  const { REDIS_URL } = config();
  if (REDIS_URL) return redisRateLimitStore(redisClient(REDIS_URL));
  return processSingleton("rate-limit-memory", memoryRateLimitStore);
}

function storeOf(name: RateLimitRuleName): RateLimitStore {
  return rateLimitRules[name].store === "fast" ? fastRateLimitStore() : rateLimitStore();
}

const keyOf = (name: RateLimitRuleName, subject: string) => `${name}:${subject}`;

/** Counts one request (or attempt) of `subject` against the rule `name`. */
export function consumeRule(name: RateLimitRuleName, subject: string): Promise<RateLimitDecision> {
  const { windowSeconds, max } = rateLimitRules[name];
  return storeOf(name).consume({ key: keyOf(name, subject), windowSeconds, max });
}

/** Like consumeRule, but past the budget throws RATE_LIMITED (429, Retry-After). */
export async function enforceRule(name: RateLimitRuleName, subject: string): Promise<void> {
  const decision = await consumeRule(name, subject);
  if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
}

/** Gives back an attempt that succeeded, for rules that count failures. */
export function refundRule(name: RateLimitRuleName, subject: string): Promise<void> {
  return storeOf(name).refund(keyOf(name, subject));
}

/** A raw rule on the shared store (tests and callers outside the table). */
export function consumeRateLimit(rule: RateLimitRule): Promise<RateLimitDecision> {
  return rateLimitStore().consume(rule);
}
