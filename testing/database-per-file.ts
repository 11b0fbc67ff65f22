import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { sql } from "drizzle-orm";
import { closeDatabase, migrate, openDatabase, installDatabaseHandle, type DatabaseHandle } from "@/db";
import { resetConfigForTests } from "@/lib/config";

/**
 * The environment as the file found it. Files share their worker's process, so a variable one
 * file sets (REDIS_URL, REQUIRE_EMAIL_VERIFICATION, a rotated key…) must not reach the next.
 */
let environmentBefore: Record<string, string | undefined> = {};

function restoreEnvironment(): void {
  for (const name of Object.keys(process.env)) if (!(name in environmentBefore)) delete process.env[name];
  Object.assign(process.env, environmentBefore);
}

/**
 * The worker's PGlite, started once from the snapshot (~0.4 s of CPU a start, times every file).
 * Held on globalThis: this setup file runs again for every file, the worker's process stays.
 */
const worker = globalThis as { lecternWorkerDatabase?: DatabaseHandle };

/** The worker's PGlite as the migrated snapshot left it: every table emptied, identities restarted. */
async function emptiedWorkerDatabase(snapshot: string): Promise<DatabaseHandle> {
  const shared = worker.lecternWorkerDatabase;
  if (shared) {
    const emptied = await emptyEveryTable(shared).then(
      () => true,
      () => false,
    );
    if (emptied) return shared;
    await shared.close().catch(() => {});
  }
  worker.lecternWorkerDatabase = await openDatabase({ memory: true, from: new Blob([readFileSync(snapshot)]) });
  return worker.lecternWorkerDatabase;
}

async function emptyEveryTable(handle: DatabaseHandle): Promise<void> {
  const result = (await handle.db.execute(
    sql`select string_agg(format('%I', tablename), ', ') as tables from pg_tables where schemaname = 'public'`,
  )) as unknown as {
    rows: { tables: string | null }[];
  };
  const tables = result.rows[0]?.tables;
  if (tables) await handle.db.execute(sql.raw(`truncate ${tables} restart identity cascade`));
}

/** Each file: its own database, and what an earlier file in this worker built (Better Auth on its database) dropped. */
beforeAll(async () => {
  environmentBefore = { ...process.env };
  resetConfigForTests();
  const url = process.env.TEST_DATABASE_URL;
  const snapshot = inject("pgliteSnapshot");
  if (url) installDatabaseHandle(await openDatabase({ url }));
  else if (snapshot) {
    // A new handle object each file (whatever is keyed by the handle starts afresh); closing it leaves the worker's PGlite open.
    const shared = await emptiedWorkerDatabase(snapshot);
    installDatabaseHandle({ ...shared, close: async () => {} });
  } else {
    const handle = await openDatabase({ memory: true });
    await migrate(handle);
    installDatabaseHandle(handle);
  }
});

afterAll(async () => {
  await closeDatabase();
  restoreEnvironment();
  resetConfigForTests();
});
