import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from ".";
import { queryRows } from "@/testing/query-rows";

describe("migrations", () => {
  it("create every table of the schema", async () => {
    const tables = await queryRows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = current_schema() order by 1`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["user", "session", "account", "verification", "jwks", "rate_limit", "reader_profile", "audit_event", "content_chunk", "personalization_event"]),
    );
  });

  it("refuse a second user with the same email in another letter case", async () => {
    const db = await database();
    const id = crypto.randomUUID();
    await db.execute(sql`insert into "user" (id, name, email) values (${id}, 'a', ${`Case-${id}@Example.org`})`);
    await expect(
      db.execute(sql`insert into "user" (id, name, email) values (${`${id}-2`}, 'b', ${`case-${id}@example.org`})`),
    ).rejects.toThrow();
  });
});

describe("migrating twice at once", () => {
  it("is safe: concurrent runs serialize and leave one applied set", async () => {
    const { databaseHandle, migrate } = await import(".");
    const handle = await databaseHandle();
    await expect(Promise.all([migrate(handle), migrate(handle)])).resolves.toBeDefined();
  });
});
