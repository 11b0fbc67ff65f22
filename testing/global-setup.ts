import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase, migrate } from "@/db";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data directory (dumpDataDir), or "" on the Postgres server. */
    pgliteSnapshot: string;
  }
}

/**
 * With TEST_DATABASE_URL, migrate the Postgres server once before any file runs (files
 * share that database, so they use unique emails). Without it each file gets its own PGlite,
 * started from one migrated snapshot made here: initdb and the migrations run once, not per file.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("integration suite: embedded PGlite (set TEST_DATABASE_URL for a Postgres server)");
    const handle = await openDatabase({ memory: true });
    await migrate(handle);
    const snapshot = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
    await handle.close();
    const file = path.resolve(".test-data", `pglite-migrated-${process.pid}.tar`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
    project.provide("pgliteSnapshot", file);
    return () => rmSync(file, { force: true });
  }
  project.provide("pgliteSnapshot", "");
  console.log(`integration suite: Postgres server at ${new URL(url).host}${new URL(url).pathname}`);
  const handle = await openDatabase({ url });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
}
