import { randomUUID } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { database } from "@/db";
import { rateLimit } from "@/db/schema";
import { BoundedMap } from "@/lib/singleton";

export type RateLimitRule = { key: string; windowSeconds: number; max: number };
export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number };

/** Counters for one kind of store: `consume` counts one request, `refund` gives one back. */
export type RateLimitStore = {
  kind: "database" | "redis" | "memory";
  consume: (rule: RateLimitRule) => Promise<RateLimitDecision>;
  refund: (key: string) => Promise<void>;
  /** `consume` for each rule in turn, stopping at the first refusal, in one round trip (Redis). */
  consumeInOrder?: (rules: RateLimitRule[]) => Promise<RateLimitDecision>;
};

/**
 * A fixed window, like the Redis store, in one atomic upsert per request. `last_request` (the
 * column of Better Auth's `rateLimit` model, kept to avoid a migration) holds when the window
 * STARTED: the first request after `window` has passed opens a new one and only that moves it.
 * Moving it on every request (as Better Auth's own limiter does) never ends the window for a
 * steady client, which is then refused while under the limit. The count stops at max + 1 so
 * "refused" is readable from the returned row alone.
 */
export const databaseRateLimitStore: RateLimitStore = {
  kind: "database",
  async consume({ key, windowSeconds, max }) {
    const db = await database();
    const now = Date.now();
    const windowMs = windowSeconds * 1000;
    const expired = sql`${now}::bigint - "rate_limit"."last_request" >= ${windowMs}::bigint`;
    const [row] = await db
      .insert(rateLimit)
      .values({ id: randomUUID(), key, count: 1, lastRequest: now })
      .onConflictDoUpdate({
        target: rateLimit.key,
        set: {
          count: sql`case when ${expired} then 1 else least("rate_limit"."count" + 1, ${max + 1}::int) end`,
          lastRequest: sql`case when ${expired} then ${now}::bigint else "rate_limit"."last_request" end`,
        },
      })
      .returning({ count: rateLimit.count, lastRequest: rateLimit.lastRequest });
    const allowed = row!.count <= max;
    const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((Number(row!.lastRequest) + windowMs - now) / 1000));
    // About one request in a hundred clears counters whose window opened a day ago (far longer
    // than any window, so idle since), so the table stays the size of the recent traffic
    // without a scheduler.
    if (Math.random() < 0.01) await pruneRateLimitRows(now - staleAfterMs);
    return { allowed, retryAfterSeconds };
  },
  async refund(key) {
    const db = await database();
    await db
      .update(rateLimit)
      .set({ count: sql`greatest("rate_limit"."count" - 1, 0)` })
      .where(eq(rateLimit.key, key));
  },
};

const staleAfterMs = 24 * 60 * 60 * 1000;

export async function pruneRateLimitRows(olderThan: number): Promise<number> {
  const db = await database();
  const removed = await db.delete(rateLimit).where(lt(rateLimit.lastRequest, olderThan)).returning({ id: rateLimit.id });
  return removed.length;
}

// Gives one back only while the window lives, so a refund never creates a key without expiry.
const refundScript = "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0";

/**
 * The same window as `consume`, for several keys in order, stopping at the first refused one (a later
 * budget is not spent by a request an earlier one refused): one round trip for a read's two budgets.
 * ARGV holds each key's window (ms) and max; the answer is the refused key's 1-based index (0: none) and its PTTL.
 */
const consumeInOrderScript = `
for i = 1, #KEYS do
  redis.call('set', KEYS[i], 0, 'PX', ARGV[2 * i - 1], 'NX')
  if redis.call('incr', KEYS[i]) > tonumber(ARGV[2 * i]) then return {i, redis.call('pttl', KEYS[i])} end
end
return {0, 0}`;

type WithConsumeInOrder = Redis & { lecternConsumeInOrder?: (...args: Array<string | number>) => Promise<[number, number]> };

/**
 * Defines the store's script on a client before it sends anything (redisClient does): with
 * auto-pipelining, a command defined after the current tick's pipeline was opened is missing
 * from it, its call rejects and the pipeline's other answers go astray ("results[i] is not
 * iterable", ioredis #1931: requests hung under load).
 */
export function defineRateLimitCommands(client: Redis): void {
  const defined = client as WithConsumeInOrder;
  if (!defined.lecternConsumeInOrder) defined.defineCommand("lecternConsumeInOrder", { lua: consumeInOrderScript });
}

/** ioredis sends the script by its hash (EVALSHA), loading it once per connection. */
function consumeInOrderCommand(client: Redis): NonNullable<WithConsumeInOrder["lecternConsumeInOrder"]> {
  defineRateLimitCommands(client);
  return (client as WithConsumeInOrder).lecternConsumeInOrder!.bind(client);
}

/** A fixed window per key: SET NX opens it with its expiry, INCR counts, PTTL says when it ends. */
export function redisRateLimitStore(client: Redis, prefix = "lectern:rate-limit:"): RateLimitStore {
  return {
    async consumeInOrder(rules) {
      const keys = rules.map((rule) => prefix + rule.key);
      const limits = rules.flatMap((rule) => [rule.windowSeconds * 1000, rule.max]);
      const [refused, ttlMs] = await consumeInOrderCommand(client)(keys.length, ...keys, ...limits);
      return refused === 0 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(ttlMs) / 1000)) };
    },
    kind: "redis",
    async consume({ key, windowSeconds, max }) {
      const name = prefix + key;
      const results = await client
        .multi()
        .set(name, 0, "PX", windowSeconds * 1000, "NX")
        .incr(name)
        .pttl(name)
        .exec();
      if (!results || results.some(([error]) => error)) throw new Error("redis rate-limit transaction failed");
      const count = Number(results[1]![1]);
      const ttlMs = Number(results[2]![1]);
      const allowed = count <= max;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttlMs / 1000)) };
    },
    async refund(key) {
      await client.eval(refundScript, 1, prefix + key);
    },
  };
}

type MemoryWindow = { count: number; endsAt: number };
const memoryPruneEvery = 10_000;
/**
 * Windows kept at most (~200 bytes each): far more subjects than a minute's traffic has. Beyond
 * it the least recently counted window goes (most likely one that has ended), so a flood of new
 * addresses costs a bounded amount of memory rather than growing it.
 */
export const memoryWindowsMax = 50_000;

/**
 * The same fixed window in this process's memory: for budgets that must not cost a database
 * write per request, when there is no Redis (one embedded process is the whole deployment).
 */
export function memoryRateLimitStore(): RateLimitStore {
  const windows = new BoundedMap<string, MemoryWindow>({ maxEntries: memoryWindowsMax });
  let operations = 0;
  const prune = (now: number) => {
    for (const [key, window] of windows.entries()) if (window.endsAt <= now) windows.delete(key);
  };
  return {
    kind: "memory",
    async consume({ key, windowSeconds, max }) {
      const now = Date.now();
      if (++operations % memoryPruneEvery === 0) prune(now);
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        window = { count: 0, endsAt: now + windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count = Math.min(window.count + 1, max + 1);
      const allowed = window.count <= max;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
    },
    async refund(key) {
      const window = windows.get(key);
      if (window && window.count > 0) window.count -= 1;
    },
  };
}
