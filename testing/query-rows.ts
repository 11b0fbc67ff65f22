import type { SQL } from "drizzle-orm";
import { database, rowsOf } from "@/db";

/** Runs raw SQL in a test and returns its rows, whichever driver answers (db's `rowsOf`). */
export async function queryRows<Row>(query: SQL): Promise<Row[]> {
  return rowsOf<Row>(await (await database()).execute(query));
}
