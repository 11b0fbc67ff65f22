/**
 * The rows of a raw `db.execute(sql…)` result, whichever driver answered: postgres.js gives an
 * array, PGlite an object with `rows`.
 */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
