import { config } from "@/lib/config";
import { processSingleton } from "@/lib/singleton";
import { redisClient } from "./redis";
import { rateLimitRules, type RateLimitRuleName } from "./rules";
import { databaseRateLimitStore, memoryRateLimitStore, redisRateLimitStore, type RateLimitDecision, type RateLimitStore } from "./store";

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

/** Counts one request of each `[rule, subject]` in turn; the first spent budget refuses and the later ones are not counted. */
export async function consumeRules(budgets: Array<[RateLimitRuleName, string]>): Promise<RateLimitDecision> {
  const stores = budgets.map(([name]) => storeOf(name));
  const [first] = stores;
  // On one store that can (Redis), in one round trip: a signed-in read's two budgets.
  if (budgets.length > 1 && first?.consumeInOrder && stores.every((store) => store.kind === first.kind)) {
    return first.consumeInOrder(budgets.map(([name, subject]) => ({ key: keyOf(name, subject), ...windowOf(name) })));
  }
  for (const [name, subject] of budgets) {
    const decision = await consumeRule(name, subject);
    if (!decision.allowed) return decision;
  }
  return { allowed: true, retryAfterSeconds: 0 };
}

const windowOf = (name: RateLimitRuleName) => ({ windowSeconds: rateLimitRules[name].windowSeconds, max: rateLimitRules[name].max });

/** Gives back an attempt that succeeded, for rules that count failures. */
export function refundRule(name: RateLimitRuleName, subject: string): Promise<void> {
  return storeOf(name).refund(keyOf(name, subject));
}
