import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, migrate, openDatabase, useDatabaseHandle } from "@/db";
import { resetConfigForTests } from "@/lib/config";

/** Each file: its own database, and what an earlier file in this worker built (Better Auth on its database) dropped. */
beforeAll(async () => {
  resetConfigForTests();
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
