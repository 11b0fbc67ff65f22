/**
 * Process-wide values (the configuration, the database, Better Auth, registries, connections).
 * They live on globalThis, not in a module-level `let`: the custom server and Next's separately
 * bundled route modules each load their own copy of a module, but share one globalThis.
 */
type Entry = { value: unknown; builtFromConfig: boolean };

const storeKey = Symbol.for("lectern.process-singletons");
type WithStore = typeof globalThis & { [storeKey]?: Map<string, Entry> };

function store(): Map<string, Entry> {
  const holder = globalThis as WithStore;
  holder[storeKey] ??= new Map();
  return holder[storeKey];
}

export type SingletonOptions = {
  /**
   * Built from `config()` (directly or through another such value): dropped together with the
   * configuration by `dropConfiguredSingletons`, so no test has to reset things in the right order.
   */
  builtFromConfig?: boolean;
};

/** The one value called `name` in this process, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T, options: SingletonOptions = {}): T {
  const values = store();
  const found = values.get(name);
  if (found) return found.value as T;
  const value = create();
  values.set(name, { value, builtFromConfig: options.builtFromConfig ?? false });
  return value;
}

/** A process-wide slot its owner sets and clears itself (the database handle a test or the server installs). */
export function processSlot<T>(name: string): { get(): T | undefined; set(value: T): void; clear(): T | undefined } {
  const values = store();
  return {
    get: () => values.get(name)?.value as T | undefined,
    set: (value) => void values.set(name, { value, builtFromConfig: false }),
    clear: () => {
      const value = values.get(name)?.value as T | undefined;
      values.delete(name);
      return value;
    },
  };
}

/** Drops every value built from the configuration (lib/config's `resetConfigForTests` calls this). */
export function dropConfiguredSingletons(): void {
  const values = store();
  for (const [name, entry] of values) if (entry.builtFromConfig) values.delete(name);
}

export { BoundedMap, weightOfJson, weightOfText, type BoundedMapLimits } from "./bounded-map";
