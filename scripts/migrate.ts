/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { databaseHandle } from "@/db";
import { sealLeftoverPlaintext } from "@/lib/sealing";
import { runScript } from "./run-script";
import { sealedColumns } from "./sealed-columns";

runScript(
  async () => {
    const handle = await databaseHandle();
    // Data steps that need the sealing key (migration 0008's comments), as start-up runs them.
    await sealLeftoverPlaintext(sealedColumns);
    console.log(`migrations applied (${handle.driver}: ${handle.location})`);
  },
  { failure: "migration failed" },
);
