import { Redis } from "ioredis";
import { onShutdown, registerReadinessCheck } from "@/lib/ops";
import { processSingleton } from "@/lib/singleton";
import { defineRateLimitCommands } from "./store";

/** The process-wide Redis connection for REDIS_URL (rate limits and sessions; probed by /api/ready). */
export function redisClient(url: string): Redis {
  const client = processSingleton(`redis ${url}`, () => {
    // Fail fast when Redis is away rather than queueing auth requests for seconds. Commands issued in
    // one tick (concurrent requests' session reads, budgets, stamps) go in one write: on loopback each
    // write costs the sender the receiving side's TCP work too (docs/performance.md).
    const created = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false, enableAutoPipelining: true });
    defineRateLimitCommands(created); // before any command: see defineRateLimitCommands
    created.on("error", () => {});
    onShutdown("redis", () => created.quit());
    return created;
  });
  // Once per configuration: the readiness checks are rebuilt with it, the connection is kept.
  processSingleton(`redis readiness ${url}`, () => registerReadinessCheck("redis", async () => ({ ok: (await client.ping()) === "PONG" })), {
    builtFromConfig: true,
  });
  return client;
}
