import type { SQL } from "drizzle-orm";
import { database } from "@/db";

/**
 * Runs raw SQL in a test and returns its rows, whichever driver answers: postgres.js gives an
 * array, PGlite an object with `rows`.
 */
export async function queryRows<Row>(query: SQL): Promise<Row[]> {
  const result = (await (await database()).execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
