/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { closeDatabase, databaseHandle, DatabaseInUseError } from "@/db";
import { ConfigError } from "@/lib/config";

try {
  const handle = await databaseHandle();
  console.log(`migrations applied (${handle.driver}: ${handle.location})`);
  await closeDatabase();
} catch (error) {
  const plain = error instanceof ConfigError || error instanceof DatabaseInUseError;
  console.error(plain ? (error as Error).message : `migration failed: ${(error as Error).message}`);
  await closeDatabase().catch(() => {});
  process.exit(1);
}
