import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, migrate, openDatabase, useDatabaseHandle } from "@/db";

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  const snapshot = inject("pgliteSnapshot");
  if (url) useDatabaseHandle(await openDatabase({ url }));
  else if (snapshot) useDatabaseHandle(await openDatabase({ memory: true, from: new Blob([readFileSync(snapshot)]) }));
  else {
    const handle = await openDatabase({ memory: true });
    await migrate(handle);
    useDatabaseHandle(handle);
  }
});

afterAll(async () => {
  await closeDatabase();
});
