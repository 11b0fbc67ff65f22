/**
 * `npm start` (and `npm run dev` with --dev): validate configuration, open and migrate the
 * database, build if needed (`--prebuilt`: serve the existing build, never build), index the
 * sample book when the index is empty, then serve; on SIGTERM finish the requests in flight.
 */
import { setFlagsFromString } from "node:v8";
import { closeDatabase, databaseHandle, DatabaseInUseError } from "@/db";
import { config, ConfigError } from "@/lib/config";
import { logger } from "@/lib/http";
import { runShutdownTasks, within } from "@/lib/ops";
import { buildIfNeeded, requireBuild } from "./build-if-needed";
import type { Drain } from "./drain";
import { serve } from "./serve";
import { runStartupTasks } from "./startup-tasks";

const dev = process.argv.includes("--dev");
// Many instances serve one build made before the deploy (`npm run build`): none rebuilds at start.
const prebuilt = process.argv.includes("--prebuilt");

/** SIGTERM to exit: a platform's stop timeout (Kubernetes, Fly, Render, Railway) is 10 s or more. */
const shutdownBudgetMs = { drain: 7000, connections: 2000, total: 9500 } as const;

/**
 * PGlite's WebAssembly (Postgres) compiled by Liftoff only, before it is loaded: TurboFan's optimized
 * copies of Postgres's functions held ~400 MB after the bench's load, and the embedded server
 * answered as fast without them (docs/performance.md, Memory).
 */
setFlagsFromString("--liftoff-only");

async function main() {
  const settings = config();
  let drain: Drain | undefined = undefined; // set once serving; the stop handler needs it earlier
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, "shutting down: no new connections, finishing requests in flight");
    // Whatever hangs, the process is gone inside the budget; cut requests are an error exit.
    setTimeout(() => process.exit(1), shutdownBudgetMs.total).unref();
    const finished = drain ? await drain(shutdownBudgetMs.drain) : true;
    // Only now that no request needs them: Redis and other clients, then the database
    // (closing PGlite flushes its data directory; killing it mid-write could corrupt it).
    const failed = await runShutdownTasks(shutdownBudgetMs.connections);
    await within(shutdownBudgetMs.connections, closeDatabase).catch(() => failed.push("database"));
    if (!finished || failed.length) logger().warn({ cutRequests: !finished, notClosed: failed }, "shutdown was not clean");
    else logger().info("shut down cleanly");
    process.exit(finished ? 0 : 1);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  // The database first: in embedded mode this takes the data directory's lock, so a second
  // `npm start` stops here instead of rebuilding .next under the server that is running.
  const handle = await databaseHandle();
  logger().info({ driver: handle.driver, location: handle.location }, "database ready");
  if (prebuilt) requireBuild();
  else if (!dev) buildIfNeeded();
  await runStartupTasks();
  ({ drain } = await serve({ dev, port: settings.PORT, trustedProxyHops: settings.TRUSTED_PROXY_HOPS }));
  logger().info({ url: `http://localhost:${settings.PORT}`, mode: dev ? "development" : "production" }, "lectern listening");
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
    console.error(error.message);
  } else {
    console.error("lectern: failed to start:", error instanceof Error ? error.message : error);
  }
  await closeDatabase().catch(() => {});
  process.exit(1);
});
