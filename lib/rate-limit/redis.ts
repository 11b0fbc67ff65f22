import { Redis } from "ioredis";
import { onShutdown, registerReadinessCheck } from "@/lib/ops";

const redisKey = Symbol.for("lectern.redis");
type WithRedis = typeof globalThis & { [redisKey]?: { url: string; client: Redis } };

/** The process-wide Redis connection for REDIS_URL (rate limits and sessions; probed by /api/ready). */
export function redisClient(url: string): Redis {
  const holder = globalThis as WithRedis;
  if (holder[redisKey]?.url !== url) {
    // Fail fast when Redis is away rather than queueing auth requests for seconds.
    const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    client.on("error", () => {});
    holder[redisKey] = { url, client };
    registerReadinessCheck("redis", async () => ({ ok: (await client.ping()) === "PONG" }));
    onShutdown("redis", () => client.quit());
  }
  return holder[redisKey].client;
}
