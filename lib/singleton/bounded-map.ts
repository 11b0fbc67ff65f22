/**
 * A Map for in-process caches: at most `maxEntries` entries and, with `weigh`, at most
 * `maxWeight` in all (an estimate of bytes); the least recently used entry goes first (a read
 * counts as use). Every cache in the process is one of these, so none grows with the number of
 * readers, sessions or addresses (docs/performance.md, Memory).
 */
export type BoundedMapLimits<K, V> = {
  maxEntries: number;
  /** Roughly the bytes an entry holds; with `maxWeight`, the sum is kept at or under it. */
  weigh?: (value: V, key: K) => number;
  maxWeight?: number;
};

export class BoundedMap<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #weight = 0;

  constructor(readonly limits: BoundedMapLimits<K, V>) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The sum of the entries' weights (0 without `weigh`). */
  get weight(): number {
    return this.#weight;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Sets `key` as the most recently used, then drops the least recently used until within the limits. */
  set(key: K, value: V): this {
    this.delete(key);
    const weight = this.limits.weigh?.(value, key) ?? 0;
    const maxWeight = this.limits.maxWeight ?? Number.POSITIVE_INFINITY;
    // An entry heavier than the whole budget is not kept, and pushes nothing out.
    if (weight > maxWeight) return this;
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    while (this.#entries.size > this.limits.maxEntries || this.#weight > maxWeight) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#weight -= entry.weight;
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#weight = 0;
  }

  /** Every entry, least recently used first, without counting as use. */
  *entries(): IterableIterator<[K, V]> {
    for (const [key, entry] of this.#entries) yield [key, entry.value];
  }
}

/** A string's weight: UTF-16 code units, two bytes each at most. */
export const weightOfText = (text: string): number => 2 * text.length;

/** A plain value's weight, by its JSON text (for values kept after a database read: the read costs far more). */
export const weightOfJson = (value: unknown): number => weightOfText(JSON.stringify(value) ?? "") + 64;
