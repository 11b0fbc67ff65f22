/**
 * `npm start` (and `npm run dev` with --dev): validate configuration, build if needed, open
 * and migrate the database, index the sample book when the index is empty, then serve.
 */
import { closeDatabase, databaseHandle, DatabaseInUseError } from "@/db";
import { config, ConfigError } from "@/lib/config";
import { logger } from "@/lib/http";
import { buildIfNeeded } from "./build-if-needed";
import { serve } from "./serve";
import { runStartupTasks } from "./startup-tasks";

const dev = process.argv.includes("--dev");

async function main() {
  const settings = config();
  if (!dev) buildIfNeeded();
  const handle = await databaseHandle();
  logger().info({ driver: handle.driver, location: handle.location }, "database ready");
  await runStartupTasks();
  const server = await serve({ dev, port: settings.PORT, trustedProxyHops: settings.TRUSTED_PROXY_HOPS });
  logger().info({ url: `http://localhost:${settings.PORT}`, mode: dev ? "development" : "production" }, "lectern listening");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, "shutting down");
    server.close();
    server.closeAllConnections();
    // Closing PGlite flushes its data directory; killing it mid-write could corrupt it.
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
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
