import { and, eq, is, isNotNull, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { database, flushPendingWrites, schema, type Database } from "@/db";
import { columnName, propertyOf, type SealedColumn } from "./columns";
import { isSealedWith, SealingError } from "./envelope";
import { configuredSealingKeys, type SealingKey } from "./keys";

/** Columns of db/schema named as holding sealed values: `*_sealed` (and the profile's `background_ciphertext`). */
export const sealedColumnNamePattern = /_(sealed|ciphertext)$/;

/** Sealed columns of db/schema that no registration covers: rotation would leave them under an old key. */
export function unregisteredSealedColumns(registered: SealedColumn[]): string[] {
  const covered = new Set(registered.filter((entry) => !entry.field).map((entry) => entry.name));
  return (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .flatMap((table) =>
      getTableConfig(table)
        .columns.filter((column) => sealedColumnNamePattern.test(column.name))
        .map(columnName),
    )
    .filter((name) => !covered.has(name))
    .sort();
}

export type RotationReport = {
  keyId: string;
  /** Values re-sealed per registration (`table.column`), including old-format values rewritten as v2. */
  resealed: Record<string, number>;
  /** Plaintext left from before a column was sealed, now sealed. */
  plaintextSealed: Record<string, number>;
  /** Values no listed key opens (their key was dropped before they were re-sealed, or they were altered): left as they are. */
  unopened: Record<string, number>;
};

const batchSize = 500;
type Row = Record<string, unknown> & { envelope: string };

/**
 * Re-seals every registered value that is not v2 under the newest key, and seals any plaintext a
 * registration still has. Keep the old key listed (after the new one) until this has run, then
 * drop it. Idempotent; a value changed meanwhile by a request is left as that request wrote it.
 */
export async function rotateSealedValues(registered: SealedColumn[], keys: SealingKey[] = configuredSealingKeys()): Promise<RotationReport> {
  const missing = unregisteredSealedColumns(registered);
  if (missing.length) throw new SealingError(`sealed column(s) not registered, rotation would skip them: ${missing.join(", ")}`);
  const newest = keys[0];
  if (!newest) throw new SealingError("no sealing key configured (PROFILE_ENCRYPTION_KEY)");
  await flushPendingWrites(); // values this process holds back are sealed too: reseal them with the rest
  const db = await database();
  const report: RotationReport = { keyId: newest.id, resealed: {}, plaintextSealed: {}, unopened: {} };
  for (const entry of registered) {
    report.plaintextSealed[entry.name] = entry.plaintextColumn ? await sealPlaintextOf(db, entry, keys) : 0;
    const { resealed, unopened } = await resealColumn(db, entry, keys);
    report.resealed[entry.name] = resealed;
    report.unopened[entry.name] = unopened;
  }
  return report;
}

/** Plaintext left in registrations' `plaintextColumn`s, sealed (start-up runs this, and rotation). */
export async function sealLeftoverPlaintext(registered: SealedColumn[], keys: SealingKey[] = configuredSealingKeys()): Promise<Record<string, number>> {
  const db = await database();
  const sealed: Record<string, number> = {};
  for (const entry of registered) if (entry.plaintextColumn) sealed[entry.name] = await sealPlaintextOf(db, entry, keys);
  return sealed;
}

const envelopeOf = (entry: SealedColumn): SQL => (entry.field ? sql`(${entry.column} ->> ${entry.field})` : sql`${entry.column}`);
const keySelection = (entry: SealedColumn) => Object.fromEntries(entry.key.map((column, index) => [`k${index}`, column]));
const rowKeyOf = (entry: SealedColumn, row: Record<string, unknown>) => entry.key.map((_, index) => row[`k${index}`] as string | number);
const sameRow = (entry: SealedColumn, row: Record<string, unknown>) => entry.key.map((column, index) => eq(column, row[`k${index}`]));
/** Keyset paging: rows after the last one seen, in primary-key order, so a value that cannot be written is passed once. */
const after = (entry: SealedColumn, last: Record<string, unknown> | undefined) =>
  last
    ? sql`(${sql.join(entry.key, sql`, `)}) > (${sql.join(
        rowKeyOf(entry, last).map((value) => sql`${value}`),
        sql`, `,
      )})`
    : undefined;

async function resealColumn(db: Database, entry: SealedColumn, keys: SealingKey[]): Promise<{ resealed: number; unopened: number }> {
  const newest = keys[0]!.id;
  const envelope = envelopeOf(entry);
  // v2 under the newest key starts `v2:<id>:` and has four colons; anything else is resealed.
  const current = sql`(starts_with(${envelope}, ${`v2:${newest}:`}) and length(${envelope}) - length(replace(${envelope}, ':', '')) = 4)`;
  let resealed = 0;
  let unopened = 0;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const rows = (await db
      .select({ ...keySelection(entry), envelope: sql<string>`${envelope}` })
      .from(entry.table)
      .where(and(sql`${envelope} is not null`, sql`not ${current}`, after(entry, last)))
      .orderBy(...entry.key)
      .limit(batchSize)) as Row[];
    for (const row of rows) {
      if (isSealedWith(row.envelope, newest)) continue;
      let plaintext: string;
      try {
        plaintext = entry.open(row.envelope, rowKeyOf(entry, row), keys);
      } catch (error) {
        if (!(error instanceof SealingError)) throw error;
        unopened += 1; // one lost value must not keep every other from the new key
        continue;
      }
      const value = entry.seal(plaintext, rowKeyOf(entry, row), keys);
      const set: Record<string, unknown> = entry.field
        ? { [propertyOf(entry.column)]: sql`jsonb_set(${entry.column}, ${`{${entry.field}}`}::text[], to_jsonb(${value}::text))` }
        : { [propertyOf(entry.column)]: value };
      if (entry.keyIdColumn) set[propertyOf(entry.keyIdColumn)] = newest;
      // Only the value read is replaced: a request that wrote meanwhile sealed its own value.
      const updated = await db
        .update(entry.table)
        .set(set)
        .where(and(...sameRow(entry, row), sql`${envelope} = ${row.envelope}`))
        .returning({ k0: entry.key[0]! });
      resealed += updated.length;
    }
    if (rows.length < batchSize) return { resealed, unopened };
    last = rows.at(-1);
  }
}

async function sealPlaintextOf(db: Database, entry: SealedColumn, keys: SealingKey[]): Promise<number> {
  const plaintext = entry.plaintextColumn!;
  let sealed = 0;
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const rows = (await db
      .select({ ...keySelection(entry), plaintext })
      .from(entry.table)
      .where(and(isNotNull(plaintext), after(entry, last)))
      .orderBy(...entry.key)
      .limit(batchSize)) as (Record<string, unknown> & { plaintext: string })[];
    for (const row of rows) {
      const value = entry.seal(row.plaintext, rowKeyOf(entry, row), keys);
      const updated = await db
        .update(entry.table)
        .set({ [propertyOf(entry.column)]: value, [propertyOf(plaintext)]: null })
        .where(and(...sameRow(entry, row), eq(plaintext, row.plaintext)))
        .returning({ k0: entry.key[0]! });
      sealed += updated.length;
    }
    if (rows.length < batchSize) return sealed;
    last = rows.at(-1);
  }
}
