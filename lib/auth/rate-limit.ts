import { randomUUID } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { database } from "@/db";
import { rateLimit } from "@/db/schema";
import { config } from "@/lib/config";
import { rateLimitedError } from "@/lib/http";
import { registerReadinessCheck } from "@/lib/ops";

export type RateLimitRule = { key: string; windowSeconds: number; max: number };
export type RateLimitDecision = { allowed: boolean; retryAfterSeconds: number };

/** Counters shared by every Lectern instance: the database by default, Redis with REDIS_URL. */
export type RateLimitStore = { kind: "database" | "redis"; consume: (rule: RateLimitRule) => Promise<RateLimitDecision> };

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
};

const staleAfterMs = 24 * 60 * 60 * 1000;

export async function pruneRateLimitRows(olderThan: number): Promise<number> {
  const db = await database();
  const removed = await db.delete(rateLimit).where(lt(rateLimit.lastRequest, olderThan)).returning({ id: rateLimit.id });
  return removed.length;
}

const redisKey = Symbol.for("lectern.redis");
type WithRedis = typeof globalThis & { [redisKey]?: { url: string; client: Redis } };

/** The process-wide Redis connection for REDIS_URL (also probed by /api/ready). */
export function redisClient(url: string): Redis {
  const holder = globalThis as WithRedis;
  if (holder[redisKey]?.url !== url) {
    // Fail fast when Redis is away rather than queueing auth requests for seconds.
    const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    client.on("error", () => {});
    holder[redisKey] = { url, client };
    registerReadinessCheck("redis", async () => ({ ok: (await client.ping()) === "PONG" }));
  }
  return holder[redisKey].client;
}

/** A fixed window per key: SET NX opens it with its expiry, INCR counts, PTTL says when it ends. */
export function redisRateLimitStore(client: Redis, prefix = "lectern:rate-limit:"): RateLimitStore {
  return {
    kind: "redis",
    async consume({ key, windowSeconds, max }) {
      const name = prefix + key;
      const results = await client.multi().set(name, 0, "PX", windowSeconds * 1000, "NX").incr(name).pttl(name).exec();
      if (!results || results.some(([error]) => error)) throw new Error("redis rate-limit transaction failed");
      const count = Number(results[1]![1]);
      const ttlMs = Number(results[2]![1]);
      const allowed = count <= max;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttlMs / 1000)) };
    },
  };
}

/** The store the configuration names. Better Auth's limiter and the contract routes both use it. */
export function rateLimitStore(): RateLimitStore {
  const { REDIS_URL } = config();
  return REDIS_URL ? redisRateLimitStore(redisClient(REDIS_URL)) : databaseRateLimitStore;
}

/** Counts one request against `key`; the REST contract routes call this (auth.api.* skips the limiter). */
export function consumeRateLimit(rule: RateLimitRule): Promise<RateLimitDecision> {
  return rateLimitStore().consume(rule);
}

/** Counts one request and throws RATE_LIMITED (429, Retry-After) past the rule's max. */
export async function enforceRateLimit(rule: RateLimitRule): Promise<void> {
  const decision = await consumeRateLimit(rule);
  if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
}
