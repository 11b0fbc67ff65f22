import { config } from "@/lib/config";
import type { ChunkStore } from "@/lib/content";
import { registerReadinessCheck } from "@/lib/ops";
import { processSingleton } from "@/lib/singleton";
import { postgresEngine } from "./postgres-engine";
import { createQdrantEngine } from "./qdrant-engine";
import type { BookSection, RankedChunk, RankingQuery } from "./query";
import { searchKept } from "./ranked-cache";

export type EngineName = "qdrant" | "postgres";

/** A place the book is indexed in and ranked from. */
export type ContentEngine = ChunkStore & {
  name: EngineName;
  search(query: RankingQuery): Promise<RankedChunk[]>;
  chunkCount(): Promise<number>;
  /** Readiness probe: throws or answers not ok when the engine cannot serve. */
  status(): Promise<{ ok: boolean; detail?: string }>;
};

/** The configured engine: Qdrant when QDRANT_URL is set, else Postgres full-text search. */
export function contentEngine(): ContentEngine {
  return processSingleton("content-engine", createContentEngine, { builtFromConfig: true });
}

function createContentEngine(): ContentEngine {
  const settings = config();
  const engine = settings.QDRANT_URL
    ? createQdrantEngine({
        url: settings.QDRANT_URL,
        apiKey: settings.QDRANT_API_KEY,
        collection: settings.QDRANT_COLLECTION,
        timeoutMs: settings.QDRANT_TIMEOUT_MS,
        embeddings: settings.EMBEDDINGS_URL
          ? { url: settings.EMBEDDINGS_URL, model: settings.EMBEDDINGS_MODEL!, apiKey: settings.EMBEDDINGS_API_KEY }
          : undefined,
      })
    : postgresEngine;
  registerReadinessCheck("content", () => engine.status());
  return engine;
}

/** More sections than a book has; the engines rank a listing over the whole book exactly up to their own caps. */
const wholeBook = 10_000;

/**
 * Every indexed section in book order (the sidebar's, then position in the doc; ADR-0028): where "Continue" looks. An
 * unweighted listing without text is exactly that order on both engines.
 */
export async function bookSections(engine: ContentEngine = contentEngine()): Promise<BookSection[]> {
  const chunks = await searchKept(engine, { text: null, chapter: null, limit: wholeBook, boosts: [], readUrls: [] });
  return chunks.map(({ url, title, section, level, tracks }) => ({ url, title, section, level, tracks }));
}
