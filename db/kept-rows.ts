import { BoundedMap, processSingleton, weightOfJson } from "@/lib/singleton";
import type { DatabaseHandle } from "./client";

/** Bounds each kind of kept row, in number and in bytes (./shared-kept-rows too); the least recently used goes first. */
export const keptRowsLimits = { maxEntries: 20_000, maxWeight: 8 * 1024 * 1024, weigh: weightOfJson } as const;

/**
 * Rows a concern keeps in memory between requests (docs/performance.md), for the one deployment
 * where this process writes every change to them: the embedded database, whose data directory
 * admits one process (the operator's CLI and key rotation cannot run beside the server). On a
 * Postgres server other instances and the CLI write too: nothing is kept here (./shared-kept-rows keeps them there). The concern's
 * writers call `forget` once their change is committed; a read that raced any write keeps
 * nothing, so a kept row is never older than the last committed write.
 */
export type KeptRows<Value> = {
  read(key: string, load: () => Promise<Value>): Promise<Value>;
  /** Awaited by writers: with shared stamps (./shared-kept-rows) other instances learn of the change through it. */
  forget(key: string): void | Promise<void>;
};

type Store = { rows: BoundedMap<string, unknown>; generation: number };

function storesOf(handle: DatabaseHandle): Map<string, Store> {
  // Per open database: a test's next database, or a reopened one, starts with nothing kept.
  const all = processSingleton("kept-rows", () => new WeakMap<DatabaseHandle, Map<string, Store>>());
  let stores = all.get(handle);
  if (!stores) all.set(handle, (stores = new Map()));
  return stores;
}

export function keptRowsOf<Value>(handle: DatabaseHandle, name: string): KeptRows<Value> {
  if (handle.driver !== "pglite") return { read: (_key, load) => load(), forget: () => {} };
  const stores = storesOf(handle);
  let store = stores.get(name);
  if (!store) stores.set(name, (store = { rows: new BoundedMap(keptRowsLimits), generation: 0 }));
  const kept = store;
  return {
    async read(key, load) {
      if (kept.rows.has(key)) return kept.rows.get(key) as Value;
      const generation = kept.generation;
      const value = await load();
      if (kept.generation === generation) kept.rows.set(key, value);
      return value;
    },
    forget(key) {
      kept.rows.delete(key);
      kept.generation += 1;
    },
  };
}
