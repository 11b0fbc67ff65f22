import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, migrate, openDatabase, installDatabaseHandle } from "@/db";
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

/** Each file: its own database, and what an earlier file in this worker built (Better Auth on its database) dropped. */
beforeAll(async () => {
  environmentBefore = { ...process.env };
  resetConfigForTests();
  const url = process.env.TEST_DATABASE_URL;
  const snapshot = inject("pgliteSnapshot");
  if (url) installDatabaseHandle(await openDatabase({ url }));
  else if (snapshot) installDatabaseHandle(await openDatabase({ memory: true, from: new Blob([readFileSync(snapshot)]) }));
  else {
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
