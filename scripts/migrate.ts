/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { closeDatabase, databaseHandle } from "@/db";
import { ConfigError } from "@/lib/config";

try {
  const handle = await databaseHandle();
  console.log(`migrations applied (${handle.driver}: ${handle.location})`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`);
  await closeDatabase().catch(() => {});
  process.exit(1);
}
