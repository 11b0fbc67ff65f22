import { BoundedMap, processSingleton, weightOfText } from "@/lib/singleton";
import type { ContentEngine } from "./engine";
import { countRankedAnswer } from "./metrics";
import type { RankedChunk, RankingQuery } from "./query";

/**
 * Ranked answers kept for a short while (ADR-0025): the book changes only when it is indexed,
 * and a class asks the same things with the same few backgrounds, so the same ranking query
 * comes back again and again. An answer is kept at most `ttlMs` (how stale a ranking may be
 * after another process re-indexed the book: the next deploy's `npm run index`), and every write
 * to an index in this process drops them all at once. Bounded in number and in the text they
 * hold (a few chapters' bodies at most): least recently used out first.
 */
export const rankedCache = { ttlMs: 30_000, entriesMax: 1000, bytesMax: 8 * 1024 * 1024 } as const;

/** A kept answer: chunks (ranked ones, or an engine's own matches), or null for "the engine said none to keep". */
type Entry = { chunks: readonly { body: string }[] | null; expiresAt: number };

/** Roughly the bytes a kept answer holds: its text, and a little for each chunk's other fields. */
const weightOfEntry = (entry: Entry) => (entry.chunks ?? []).reduce((sum, chunk) => sum + weightOfText(chunk.body) + 512, 512);
const newEntries = () => new BoundedMap<string, Entry>({ maxEntries: rankedCache.entriesMax, maxWeight: rankedCache.bytesMax, weigh: weightOfEntry });

/** Per engine object (each configured Qdrant is its own), dropped with the configuration. */
function store() {
  return processSingleton("ranked-answers", () => ({ entries: new WeakMap<ContentEngine, BoundedMap<string, Entry>>(), generation: 0 }), {
    builtFromConfig: true,
  });
}

/** Every kept answer is dropped: an index changed (the engines call it after each write). */
export function forgetRankedAnswers(): void {
  const kept = store();
  kept.entries = new WeakMap();
  kept.generation += 1;
}

function keyOf(query: RankingQuery): string {
  return JSON.stringify([query.text, query.chapter, query.limit, query.boosts, [...query.readUrls].sort()]);
}

/**
 * `load()`, or what it answered under `key` for this engine moments ago: kept as long as ranked
 * answers, dropped with them on any index write. An engine keeps its own intermediate answers here
 * (the Postgres engine its matches for a text), so one lifetime and one bound hold for all.
 */
export async function keptFor<T extends { body: string }>(
  engine: ContentEngine,
  key: string,
  load: () => Promise<T[] | null>,
): Promise<{ value: T[] | null; fresh: boolean }> {
  const kept = store();
  const found = kept.entries.get(engine)?.get(key);
  if (found !== undefined && found.expiresAt > Date.now()) return { value: found.chunks as T[] | null, fresh: true };
  const generation = kept.generation;
  const value = await load();
  // An index written while this ran may have changed its answer: not kept.
  if (kept.generation === generation) {
    const entries = kept.entries.get(engine) ?? newEntries();
    kept.entries.set(engine, entries);
    entries.set(key, { chunks: value, expiresAt: Date.now() + rankedCache.ttlMs });
  }
  return { value, fresh: false };
}

/** How many different keys `askedRecently` remembers (a key is a few hundred bytes at most). */
const askedKeysMax = 5000;

/**
 * Whether `key` was asked in the last `ttlMs` (this ask is noted too). An engine keeps an
 * intermediate answer from a key's second ask: a search asked once costs what it did before.
 */
export function askedRecently(engine: ContentEngine, key: string): boolean {
  const asked = processSingleton("asked-recently", () => new BoundedMap<string, number>({ maxEntries: askedKeysMax }));
  const now = Date.now();
  const before = asked.get(`${engine.name} ${key}`);
  asked.set(`${engine.name} ${key}`, now);
  return before !== undefined && now - before < rankedCache.ttlMs;
}

/** `engine.search`, answered from what was kept when the same ranking query was asked moments ago. */
export async function searchKept(engine: ContentEngine, query: RankingQuery): Promise<RankedChunk[]> {
  const { value, fresh } = await keptFor(engine, `ranked ${keyOf(query)}`, () => engine.search(query));
  countRankedAnswer(engine.name, fresh);
  return value ?? [];
}
