import { randomUUID } from "node:crypto";
import type { RowStamps } from "@/db";
import { config } from "@/lib/config";
import { redisClient } from "./redis";

/** A stamp outlives any kept row's usefulness; when it expires a new one is made and rows load again. */
const stampSeconds = 24 * 60 * 60;

/**
 * Shared stamps for rows kept per instance on a Postgres server (db's `keptRows`), in Redis, the
 * store every instance already shares; none without REDIS_URL (then nothing is kept there).
 */
export function rowStamps(namespace: string): RowStamps | undefined {
  const { REDIS_URL } = config();
  if (!REDIS_URL) return undefined;
  const client = redisClient(REDIS_URL);
  const prefix = `lectern:stamp:${namespace}:`;
  return {
    async current(key) {
      const fresh = randomUUID();
      // One command: keeps the stamp there is (GET answers it), or sets a new one.
      const kept = await client.set(prefix + key, fresh, "EX", stampSeconds, "NX", "GET");
      return kept ?? fresh;
    },
    async renew(key) {
      await client.set(prefix + key, randomUUID(), "EX", stampSeconds);
    },
  };
}
