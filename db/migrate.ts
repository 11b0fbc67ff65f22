import path from "node:path";
import type { DatabaseHandle } from "./client";

/** drizzle-kit's committed output; resolved from the working directory so bundles find it too. */
export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/**
 * Applies pending migrations on an open handle. PGlite allows one connection per data
 * directory, so this must run in the process that serves, on the same handle.
 */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(handle.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await handle.exclusively(() => run(handle.db as never, { migrationsFolder }));
  }
}
