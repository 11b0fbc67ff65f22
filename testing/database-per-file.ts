import { afterAll, beforeAll } from "vitest";
import { closeDatabase, migrate, openDatabase, useDatabaseHandle } from "@/db";

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  const handle = await openDatabase(url ? { url } : { memory: true });
  if (!url) await migrate(handle);
  useDatabaseHandle(handle);
});

afterAll(async () => {
  await closeDatabase();
});
