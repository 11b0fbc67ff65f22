/**
 * A production Lectern for the reliability suite: what `npm start` does, minus the build (the
 * suite's global setup built `LECTERN_DIST_DIR` already), so a source edit during a run never
 * starts a build under a running test.
 */
import { closeDatabase, databaseHandle } from "@/db";
import { config } from "@/lib/config";
import { logger } from "@/lib/http";
import { serve } from "@/scripts/serve";
import { runStartupTasks } from "@/scripts/startup-tasks";

async function main() {
  const settings = config();
  // SIGTERM: close the database (PGlite flushes its directory) and exit cleanly.
  process.on("SIGTERM", () => void closeDatabase().finally(() => process.exit(0)));
  await databaseHandle();
  await runStartupTasks();
  await serve({ dev: false, port: settings.PORT, hostname: "127.0.0.1", trustedProxyHops: settings.TRUSTED_PROXY_HOPS });
  logger().info({ url: `http://127.0.0.1:${settings.PORT}` }, "lectern listening");
}

main().catch((error: unknown) => {
  console.error("lectern: failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
