import { config } from "@/lib/config";
import { openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from "./client";
import { migrate } from "./migrate";

export { DatabaseInUseError, openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from "./client";
export { migrate, migrationsFolder } from "./migrate";
export * as schema from "./schema";

const handleKey = Symbol.for("lectern.database");
type WithDatabase = typeof globalThis & { [handleKey]?: Promise<DatabaseHandle> };
const holder = globalThis as WithDatabase;

/** The target the configuration names: DATABASE_URL, else embedded PGlite in DATA_DIR. */
export function configuredTarget(): DatabaseTarget {
  const { DATABASE_URL, DATABASE_POOL_MAX, dataDir } = config();
  return DATABASE_URL ? { url: DATABASE_URL, poolMax: DATABASE_POOL_MAX } : { dataDir };
}

/**
 * The process-wide database, opened and migrated on first use. Kept on globalThis so the
 * custom server and Next's separately bundled route modules share one PGlite connection.
 */
export function databaseHandle(): Promise<DatabaseHandle> {
  holder[handleKey] ??= openDatabase(configuredTarget()).then(async (handle) => {
    await migrate(handle);
    return handle;
  });
  return holder[handleKey];
}

export async function database(): Promise<Database> {
  return (await databaseHandle()).db;
}

/** Installs an already opened handle (tests, or a server that opened it itself). */
export function useDatabaseHandle(handle: DatabaseHandle): void {
  holder[handleKey] = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const pending = holder[handleKey];
  delete holder[handleKey];
  if (pending) await (await pending).close();
}
