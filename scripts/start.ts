/**
 * `npm start` (and `npm run dev` with --dev): validate configuration, open and migrate the
 * database, build if needed, index the sample book when the index is empty, then serve.
 */
import type { Server } from "node:http";
import { closeDatabase, databaseHandle, DatabaseInUseError } from "@/db";
import { config, ConfigError } from "@/lib/config";
import { logger } from "@/lib/http";
import { buildIfNeeded } from "./build-if-needed";
import { serve } from "./serve";
import { runStartupTasks } from "./startup-tasks";

const dev = process.argv.includes("--dev");

async function main() {
  const settings = config();
  let server: Server | undefined = undefined; // set once serving; the stop handler needs it earlier
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, "shutting down");
    server?.close();
    server?.closeAllConnections();
    // Closing PGlite flushes its data directory; killing it mid-write could corrupt it.
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  // The database first: in embedded mode this takes the data directory's lock, so a second
  // `npm start` stops here instead of rebuilding .next under the server that is running.
  const handle = await databaseHandle();
  logger().info({ driver: handle.driver, location: handle.location }, "database ready");
  if (!dev) buildIfNeeded();
  await runStartupTasks();
  server = await serve({ dev, port: settings.PORT, trustedProxyHops: settings.TRUSTED_PROXY_HOPS });
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
