import type { SecondaryStorage } from "better-auth";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { redisClient } from "@/lib/rate-limit";
import { BoundedMap, weightOfText } from "@/lib/singleton";

/**
 * Better Auth's `secondaryStorage`: where it keeps sessions so a request does not read the
 * session and user rows (ADR-0003, docs/performance.md). Sessions stay in the database too
 * (`storeSessionInDatabase`), and Better Auth writes and deletes both on every change, so a
 * revocation or sign-out applies on the very next request. Which store:
 * - with REDIS_URL: Redis, shared by every instance;
 * - embedded (no DATABASE_URL): this process's memory, since this process is the whole
 *   deployment (the embedded database admits one process at a time);
 * - DATABASE_URL without Redis: none. Instances could not see each other's revocations in
 *   memory, so every request reads the database.
 */
export function sessionStore(): SecondaryStorage | undefined {
  const settings = config();
  const kind = sessionStoreKind(settings);
  if (kind === "redis") return redisSessionStore(redisClient(settings.REDIS_URL!));
  return kind === "memory" ? memorySessionStore() : undefined;
}

export type SessionStoreKind = "redis" | "memory" | "database only";

/** Which store `sessionStore` serves sessions from, for the given configuration. */
export function sessionStoreKind(settings: { REDIS_URL?: string; DATABASE_URL?: string }): SessionStoreKind {
  if (settings.REDIS_URL) return "redis";
  return settings.DATABASE_URL ? "database only" : "memory";
}

export function redisSessionStore(client: Redis, prefix = "lectern:auth:"): SecondaryStorage {
  return {
    get: (key) => client.get(prefix + key),
    getAndDelete: (key) => client.getdel(prefix + key),
    increment: async (key, ttl) => {
      const results = await client
        .multi()
        .set(prefix + key, 0, "EX", Math.max(1, Math.ceil(ttl)), "NX")
        .incr(prefix + key)
        .exec();
      return Number(results?.[1]?.[1] ?? 0);
    },
    set: async (key, value, ttl) => {
      if (ttl && ttl > 0) await client.set(prefix + key, value, "EX", Math.ceil(ttl));
      else await client.set(prefix + key, value);
    },
    delete: async (key) => {
      await client.del(prefix + key);
    },
  };
}

/** Beyond these the least recently used entry is dropped; a dropped session is read from the database. */
export const memorySessionStoreLimits = { maxEntries: 20_000, maxWeight: 16 * 1024 * 1024 } as const;

export function memorySessionStore(): SecondaryStorage {
  const entries = new BoundedMap<string, { value: string; expiresAt: number }>({
    ...memorySessionStoreLimits,
    weigh: (entry, key) => weightOfText(entry.value) + weightOfText(key) + 64,
  });
  const get = (key: string): string | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return null;
    }
    return entry.value;
  };
  const set = (key: string, value: string, ttl?: number) => {
    entries.set(key, { value, expiresAt: ttl && ttl > 0 ? Date.now() + ttl * 1000 : Number.POSITIVE_INFINITY });
  };
  return {
    get,
    set,
    getAndDelete: (key) => {
      const value = get(key);
      entries.delete(key);
      return value;
    },
    increment: (key, ttl) => {
      const next = Number(get(key) ?? 0) + 1;
      const expiresAt = entries.get(key)?.expiresAt;
      set(key, String(next), ttl);
      const stored = entries.get(key);
      if (expiresAt !== undefined && stored) stored.expiresAt = expiresAt; // the TTL applies on creation only
      return next;
    },
    delete: (key) => {
      entries.delete(key);
    },
  };
}
