import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { openText, openTextOrNull, sealText, type SealedPlace } from "./envelope";
import type { SealingKey } from "./keys";

/** A row's primary key values, in the order of the column's `key`. */
export type RowKey = readonly (string | number)[];

export type SealedColumnSpec = {
  /** The text column holding sealed values, or the jsonb column holding them in `field`. */
  column: PgColumn;
  field?: string;
  /** The row's primary key columns, in order: their values are bound into each value. */
  key: PgColumn[];
  /** A column kept equal to the id of the key that sealed the value (reader_profile.key_id). */
  keyIdColumn?: PgColumn;
  /** A plaintext column from before the data was sealed: its values are sealed into this column and emptied. */
  plaintextColumn?: PgColumn;
};

/**
 * One registration: a place where a concern keeps sealed values, and the only way that concern
 * seals and opens them there. Rotation walks every registration (ADR-0034).
 */
export type SealedColumn = SealedColumnSpec & {
  /** `table.column`, or `table.column.field`: what the value is bound to, and what reports name. */
  name: string;
  table: PgTable;
  place(row: RowKey): SealedPlace;
  seal(plaintext: string, row: RowKey, keys?: SealingKey[]): string;
  open(envelope: string, row: RowKey, keys?: SealingKey[]): string;
  /** A value that does not open here (altered, moved, or under a key no longer listed) as null. */
  openOrNull(envelope: string, row: RowKey, keys?: SealingKey[]): string | null;
};

/** `table.column`, the SQL names (what the schema test compares). */
export function columnName(column: PgColumn): string {
  return `${getTableName(column.table)}.${column.name}`;
}

/** The table's TypeScript property for a column, which Drizzle's `set` and `select` take. */
export function propertyOf(column: PgColumn): string {
  const found = Object.entries(getTableColumns(column.table)).find(([, candidate]) => candidate === column);
  if (!found) throw new Error(`${columnName(column)} is not a column of its table`);
  return found[0];
}

/** The place of a value in a sealed text column: `table.column` and the row's key (what sealedColumn binds). */
export function sealedPlace(column: PgColumn, row: RowKey): SealedPlace {
  return { name: columnName(column), row };
}

export function sealedColumn(spec: SealedColumnSpec): SealedColumn {
  const name = spec.field ? `${columnName(spec.column)}.${spec.field}` : columnName(spec.column);
  const place = (row: RowKey): SealedPlace => {
    if (row.length !== spec.key.length) throw new Error(`${name} is keyed by ${spec.key.length} column(s), got ${row.length}`);
    return spec.field ? { name, row } : sealedPlace(spec.column, row);
  };
  return {
    ...spec,
    name,
    table: spec.column.table,
    place,
    seal: (plaintext, row, keys) => sealText(plaintext, place(row), keys),
    open: (envelope, row, keys) => openText(envelope, place(row), keys),
    openOrNull: (envelope, row, keys) => openTextOrNull(envelope, place(row), keys),
  };
}
