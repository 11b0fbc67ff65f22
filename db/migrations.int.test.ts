import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database, migrationsFolder } from ".";
import { queryRows } from "@/testing/query-rows";

describe("migrations", () => {
  it("create every table of the schema", async () => {
    const tables = await queryRows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = current_schema() order by 1`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "user",
        "session",
        "account",
        "verification",
        "jwks",
        "rate_limit",
        "reader_profile",
        "audit_event",
        "content_chunk",
        "personalization_event",
      ]),
    );
  });

  it("refuse a second user with the same email in another letter case", async () => {
    const db = await database();
    const id = crypto.randomUUID();
    await db.execute(sql`insert into "user" (id, name, email) values (${id}, 'a', ${`Case-${id}@Example.org`})`);
    await expect(db.execute(sql`insert into "user" (id, name, email) values (${`${id}-2`}, 'b', ${`case-${id}@example.org`})`)).rejects.toThrow();
  });
});

// Two instances starting at once on an empty database: without the advisory lock both would
// create the same tables and one would fail. PGlite has one connection per data directory, so
// there is nothing to race on it; the test needs the Postgres server.
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log("concurrent-migration test skipped: it needs two connections (TEST_DATABASE_URL, a Postgres server)");

describe.skipIf(!serverUrl)("migrating an empty database from two connections at once", () => {
  it("serializes the runs: every migration applied once, no error", async () => {
    const { migrate, openDatabase } = await import(".");
    const name = `lectern_migrate_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = await openDatabase({ url: serverUrl! });
    await admin.db.execute(`create database ${name}`);
    const target = new URL(serverUrl!);
    target.pathname = `/${name}`;
    const first = await openDatabase({ url: target.toString() });
    const second = await openDatabase({ url: target.toString() });
    try {
      await Promise.all([migrate(first), migrate(second)]);
      const files = readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql"));
      const applied = (await first.db.execute(sql`select hash from drizzle.__drizzle_migrations`)) as unknown as unknown[];
      expect(applied.length).toBe(files.length);
    } finally {
      await first.close();
      await second.close();
      await admin.db.execute(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  });
});
