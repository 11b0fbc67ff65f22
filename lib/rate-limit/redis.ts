import { Redis } from "ioredis";
import { onShutdown, registerReadinessCheck } from "@/lib/ops";
import { processSingleton } from "@/lib/singleton";

/** The process-wide Redis connection for REDIS_URL (rate limits and sessions; probed by /api/ready). */
export function redisClient(url: string): Redis {
  return processSingleton(`redis ${url}`, () => {
    // Fail fast when Redis is away rather than queueing auth requests for seconds.
    const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false });
    client.on("error", () => {});
    registerReadinessCheck("redis", async () => ({ ok: (await client.ping()) === "PONG" }));
    onShutdown("redis", () => client.quit());
    return client;
  });
}
