import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isPooledEndpoint, openDatabase } from "./client";

describe("pooled endpoints", () => {
  it("recognises Neon's pooled host and nothing else", () => {
    expect(isPooledEndpoint("postgres://u:p@ep-cool-tree-123456-pooler.eu-central-1.aws.neon.tech/db?sslmode=require")).toBe(true);
    expect(isPooledEndpoint("postgres://u:p@ep-cool-tree-123456.eu-central-1.aws.neon.tech/db?sslmode=require")).toBe(false);
    expect(isPooledEndpoint("postgres://postgres@127.0.0.1:5432/lectern")).toBe(false);
  });
});

// The pool size needs a server that accepts several connections; PGlite has one.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log("pool-size test skipped: it needs a Postgres server (TEST_DATABASE_URL)");

describe.skipIf(!serverUrl)("DATABASE_POOL_MAX on a Postgres server", () => {
  it("never opens more connections than the pool allows, however many queries wait", async () => {
    const handle = await openDatabase({ url: serverUrl!, poolMax: 2 });
    try {
      // postgres.js answers raw SQL with an array of rows.
      const results = (await Promise.all(
        Array.from({ length: 6 }, () => handle.db.execute(sql`select pg_backend_pid() as pid from pg_sleep(0.1)`)),
      )) as unknown as { pid: number }[][];
      const pids = new Set(results.map((rows) => rows[0]!.pid));
      expect(pids.size).toBe(2);
    } finally {
      await handle.close();
    }
  });
});
