import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export { DatabaseInUseError } from "./data-dir-lock";

export type Schema = typeof schema;
/** Both drivers (PGlite and postgres.js) give this type, so queries are written once. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives, for logs: a data directory, `memory`, or the server host. */
  location: string;
  close: () => Promise<void>;
  /** Runs `work` while holding a cluster-wide lock, so instances starting together migrate one at a time. */
  exclusively: <T>(work: () => Promise<T>) => Promise<T>;
};

const migrationLockId = 7_245_031_117;

/**
 * PGlite runs Postgres in WebAssembly memory, which never shrinks: Postgres's default 128 MB of
 * shared buffers made it 189 MB of the process's memory. Pages it does not hold are read through
 * the operating system's file cache, outside the process (docs/performance.md, Memory).
 */
export const pgliteSettings = ["shared_buffers=16MB"];

/** `memory` may start `from` a snapshot of a data directory (PGlite's dumpDataDir): no initdb, no migrations to run. */
export type DatabaseTarget = { url: string; poolMax?: number } | { dataDir: string } | { memory: true; from?: Blob };

/**
 * A pooled endpoint (Neon's `-pooler` host, PgBouncer in transaction mode) may hand each
 * statement to another server connection, so a statement prepared on one is unknown on the
 * next: prepare only on a direct connection.
 */
export function isPooledEndpoint(url: string): boolean {
  return new URL(url).hostname.includes("-pooler");
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(target.url, {
      max: target.poolMax ?? 10,
      prepare: !isPooledEndpoint(target.url),
      onnotice: () => {},
      // A server that is gone must fail a request in seconds (a 503), not after postgres.js's
      // default 30 s connect timeout (reliability suite: Postgres stopped under load).
      connect_timeout: 5,
    });
    return {
      db: drizzle(sql, { schema }) as unknown as Database,
      driver: "postgres",
      location: new URL(target.url).host,
      close: () => sql.end({ timeout: 5 }),
      async exclusively<T>(work: () => Promise<T>): Promise<T> {
        // A transaction-level lock: a pooler keeps one server connection for a transaction (never
        // for a session), and the lock ends with the transaction even if this process dies.
        // `work` runs on the pool's other connections while this transaction waits.
        let result: T | undefined;
        await sql.begin(async (transaction) => {
          await transaction`select pg_advisory_xact_lock(${migrationLockId})`;
          result = await work();
        });
        return result as T;
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let location = "memory";
  let client: InstanceType<typeof PGlite>;
  let unlock = () => {};
  if ("dataDir" in target) {
    location = path.resolve(target.dataDir, "pglite");
    mkdirSync(location, { recursive: true });
    // PGlite does not stop a second process opening the same directory: the lock file does.
    unlock = lockDataDir(path.resolve(target.dataDir, "pglite.lock"), path.resolve(target.dataDir));
    client = await PGlite.create(location, { postgresqlconf: pgliteSettings }).catch((error: unknown) => {
      unlock();
      throw error;
    });
  } else {
    client = await PGlite.create({ postgresqlconf: pgliteSettings, ...(target.from ? { loadDataDir: target.from } : {}) });
  }
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    driver: "pglite",
    location,
    // Closing flushes the directory so it is never left half-written; then another process may open it.
    close: () => client.close().finally(unlock),
    // The lock file keeps other processes out, and this process has one connection: nothing to serialize.
    exclusively: (work) => work(),
  };
}
