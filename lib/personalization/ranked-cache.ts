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
export const rankedCache = { ttlMs: 30_000, entriesMax: 200, bytesMax: 8 * 1024 * 1024 } as const;

type Entry = { chunks: RankedChunk[]; expiresAt: number };

/** Roughly the bytes a kept answer holds: its text, and a little for each chunk's other fields. */
const weightOfEntry = (entry: Entry) => entry.chunks.reduce((sum, chunk) => sum + weightOfText(chunk.body) + 512, 0);
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

/** `engine.search`, answered from what was kept when the same ranking query was asked moments ago. */
export async function searchKept(engine: ContentEngine, query: RankingQuery): Promise<RankedChunk[]> {
  const kept = store();
  const key = keyOf(query);
  const found = kept.entries.get(engine)?.get(key);
  const fresh = found !== undefined && found.expiresAt > Date.now();
  countRankedAnswer(engine.name, fresh);
  if (fresh) return found.chunks;
  const generation = kept.generation;
  const chunks = await engine.search(query);
  // An index written while this search ran may have changed its answer: not kept.
  if (kept.generation === generation) {
    const entries = kept.entries.get(engine) ?? newEntries();
    kept.entries.set(engine, entries);
    entries.set(key, { chunks, expiresAt: Date.now() + rankedCache.ttlMs });
  }
  return chunks;
}
