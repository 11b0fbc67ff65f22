/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { databaseHandle } from "@/db";
import { runScript } from "./run-script";

runScript(
  async () => {
    const handle = await databaseHandle();
    console.log(`migrations applied (${handle.driver}: ${handle.location})`);
  },
  { failure: "migration failed" },
);
