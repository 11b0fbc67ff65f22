import { config } from "@/lib/config";
import { processSlot } from "@/lib/singleton";
import { openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from "./client";
import { keptRowsOf, type KeptRows } from "./kept-rows";
import { sharedKeptRowsOf, type RowStamps } from "./shared-kept-rows";
import { migrate } from "./migrate";
import { flushPendingWrites } from "./pending-writes";

export { DatabaseInUseError, openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from "./client";
export { migrate, migrationsFolder } from "./migrate";
export type { KeptRows } from "./kept-rows";
export type { RowStamps } from "./shared-kept-rows";
export { flushPendingWrites, registerPendingWrites, type PendingWrites } from "./pending-writes";
export { rowsOf } from "./rows";
export * as schema from "./schema";

/** Not dropped with the configuration: tests and the server install and close it themselves. */
const handle = processSlot<Promise<DatabaseHandle>>("database");

/** The target the configuration names: DATABASE_URL, else embedded PGlite in DATA_DIR. */
export function configuredTarget(): DatabaseTarget {
  const { DATABASE_URL, DATABASE_POOL_MAX, dataDir } = config();
  return DATABASE_URL ? { url: DATABASE_URL, poolMax: DATABASE_POOL_MAX } : { dataDir };
}

/** The process-wide database (one PGlite connection for the custom server and Next's bundles), opened and migrated on first use. */
export function databaseHandle(): Promise<DatabaseHandle> {
  const opened = handle.get();
  if (opened) return opened;
  const opening = openDatabase(configuredTarget()).then(async (fresh) => {
    await migrate(fresh);
    return fresh;
  });
  handle.set(opening);
  return opening;
}

/**
 * `name`'s rows kept in memory on the embedded database (./kept-rows); on a Postgres server kept
 * while their shared `stamps` say so (./shared-kept-rows), else read through.
 */
export async function keptRows<Value>(name: string, stamps?: RowStamps): Promise<KeptRows<Value>> {
  const opened = await databaseHandle();
  return opened.driver !== "pglite" && stamps ? sharedKeptRowsOf<Value>(opened, name, stamps) : keptRowsOf<Value>(opened, name);
}

export async function database(): Promise<Database> {
  return (await databaseHandle()).db;
}

/** Installs an already opened handle (tests, or a server that opened it itself). */
export function installDatabaseHandle(opened: DatabaseHandle): void {
  handle.set(Promise.resolve(opened));
}

export async function closeDatabase(): Promise<void> {
  if (!handle.get()) return;
  await flushPendingWrites().catch(() => {}); // each flush logs its own failures
  const pending = handle.clear();
  if (pending) await (await pending).close();
}
