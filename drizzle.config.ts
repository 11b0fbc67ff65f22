import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs db/schema.ts against db/migrations; `db:migrate` uses our own
// runner (db/migrate.ts) so it works on the embedded database as well as on DATABASE_URL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
