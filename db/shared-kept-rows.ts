import { BoundedMap, processSingleton } from "@/lib/singleton";
import type { DatabaseHandle } from "./client";
import { keptRowsLimits, type KeptRows } from "./kept-rows";

/**
 * Where each kept row's stamp lives, shared by every instance (Redis): a random value, never
 * reused, that a writer replaces once its change is committed.
 */
export type RowStamps = {
  /** The key's stamp now, made if it has none (so a lost or expired stamp is a new one, never an old one again). */
  current(key: string): Promise<string>;
  /** Replaces the key's stamp: every instance's kept row for it is stale from now on. */
  renew(key: string): Promise<void>;
};

/** A backstop only: a writer whose stamp renewal failed (Redis away after its commit) is stale at most this long. */
const keptMs = 10 * 60_000;

type Kept = { value: unknown; stamp: string; until: number };

/** Each kind's rows, bounded as ./kept-rows bounds them. */
function rowsOf(handle: DatabaseHandle, name: string): BoundedMap<string, Kept> {
  const all = processSingleton("shared-kept-rows", () => new WeakMap<DatabaseHandle, Map<string, BoundedMap<string, Kept>>>());
  let byName = all.get(handle);
  if (!byName) all.set(handle, (byName = new Map()));
  let rows = byName.get(name);
  if (!rows) byName.set(name, (rows = new BoundedMap<string, Kept>({ ...keptRowsLimits, weigh: (kept) => keptRowsLimits.weigh(kept.value) })));
  return rows;
}

/**
 * Rows kept in memory on a Postgres server that several instances (and the operator's CLI)
 * write: a kept row is used while its key's shared stamp is the one read before it was loaded.
 * A writer renews the stamp after its commit and before it answers, so the next read on any
 * instance reads the new stamp and loads the row again; a load that raced a write was stamped
 * with the stamp from before it, so it is loaded again too. Costs one Redis command per read
 * instead of a query (and, for profiles, opening the sealed background).
 */
export function sharedKeptRowsOf<Value>(handle: DatabaseHandle, name: string, stamps: RowStamps): KeptRows<Value> {
  const rows = rowsOf(handle, name);
  return {
    async read(key, load) {
      const stamp = await stamps.current(key);
      const kept = rows.get(key);
      if (kept?.stamp === stamp && kept.until > Date.now()) return kept.value as Value;
      const value = await load();
      rows.set(key, { value, stamp, until: Date.now() + keptMs });
      return value;
    },
    async forget(key) {
      rows.delete(key);
      await stamps.renew(key);
    },
  };
}
