import { openDatabase, migrate } from "@/db";

/**
 * With TEST_DATABASE_URL, migrate the Postgres server once before any file runs (files
 * share that database, so they use unique emails). Without it each file gets its own PGlite.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("integration suite: embedded PGlite (set TEST_DATABASE_URL for a Postgres server)");
    return;
  }
  console.log(`integration suite: Postgres server at ${new URL(url).host}${new URL(url).pathname}`);
  const handle = await openDatabase({ url });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
}
