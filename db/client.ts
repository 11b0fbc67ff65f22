import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

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

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(target.url, { max: 10, onnotice: () => {} });
    return {
      db: drizzle(sql, { schema }) as unknown as Database,
      driver: "postgres",
      location: new URL(target.url).host,
      close: () => sql.end({ timeout: 5 }),
      async exclusively(work) {
        // A session-level advisory lock lives on one connection: reserve it for the duration.
        const connection = await sql.reserve();
        try {
          await connection`select pg_advisory_lock(${migrationLockId})`;
          return await work();
        } finally {
          await connection`select pg_advisory_unlock(${migrationLockId})`.catch(() => {});
          connection.release();
        }
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let location = "memory";
  let client: InstanceType<typeof PGlite>;
  if ("dataDir" in target) {
    location = path.resolve(target.dataDir, "pglite");
    mkdirSync(location, { recursive: true });
    client = await PGlite.create(location);
  } else {
    client = await PGlite.create();
  }
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    driver: "pglite",
    location,
    // PGlite owns its directory exclusively; closing flushes it so it is never left half-written.
    close: () => client.close(),
    // One connection per data directory already excludes every other process.
    exclusively: (work) => work(),
  };
}
