import { QdrantClient, type Schemas } from "@qdrant/js-client-rest";
import type { BookDoc, ContentLevel, ContentTrack } from "@/lib/content";
import { ApiError, logger } from "@/lib/http";
import { within } from "@/lib/ops";
import type { ContentEngine } from "./engine";
import { embedTexts, type EmbeddingsSettings } from "./embeddings";
import type { RankedChunk, RankingQuery } from "./query";
import {
  chunkSearchText,
  collectionMismatch,
  collectionVectorsOf,
  createCollectionBody,
  inBookOrder,
  isPlainListing,
  docsFilter,
  payloadIndexes,
  pointFor,
  queryBody,
  staleChunksFilter,
  type ChunkPayload,
  type CollectionVectors,
} from "./qdrant-query";

export type QdrantEngineSettings = {
  url: string;
  apiKey?: string;
  collection: string;
  /** Budget for one search, retries included (QDRANT_TIMEOUT_MS). */
  timeoutMs: number;
  embeddings?: EmbeddingsSettings;
  /** Chunks per upsert request. */
  batchSize?: number;
};

const retryBaseMs = 100;
const maxAttempts = 4;
/** A retry with less time left than this could not get an answer; give up instead. */
const minAttemptMs = 100;

/** Overload and server failures are worth retrying; a 4xx other than 429 is our bug. */
function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number") return status === 429 || status >= 500;
  return true; // network errors and timeouts
}

function describe(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return typeof status === "number" ? `HTTP ${status} ${message}` : `${(error as Error)?.name ?? "Error"}: ${message}`;
}

/**
 * Runs one Qdrant call with retries (exponential backoff with jitter on 429/5xx/network errors)
 * inside one deadline that every attempt and wait shares; a final outage becomes the contract's
 * SEARCH_UNAVAILABLE (503), a request Qdrant rejects (4xx) an INTERNAL_ERROR.
 */
async function withRetries<T>(operation: string, budgetMs: number, call: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await within(Math.max(deadline - performance.now(), 0), call);
    } catch (error) {
      // Qdrant's 429 may say how long to wait (the client exposes it as retry_after, in seconds).
      const retryAfterMs = Number((error as { retry_after?: unknown }).retry_after ?? 0) * 1000;
      const backoff = Math.max(retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2), retryAfterMs);
      const retry = isTransient(error) && attempt < maxAttempts && performance.now() + backoff + minAttemptMs < deadline;
      logger().warn({ operation, attempt, retry, error: describe(error) }, "qdrant call failed");
      if (!retry && !isTransient(error)) {
        // Qdrant refused the request itself: a bug on our side, not an outage.
        throw new ApiError("INTERNAL_ERROR", "The book's search engine rejected the request.");
      }
      if (!retry) {
        throw new ApiError("SEARCH_UNAVAILABLE", "The book's search engine is not answering. Please try again shortly.", undefined, 503);
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}

/** What indexedDocs reports for a doc it must rewrite: no doc hash ever equals it. */
const rewriteMe = "mixed";

/** The Qdrant content engine (QDRANT_URL set). Bodies are built in qdrant-query.ts. */
export function createQdrantEngine(settings: QdrantEngineSettings): ContentEngine {
  // Indexing and start-up may wait longer than a reader's search.
  const writeDeadlineMs = Math.max(settings.timeoutMs * 5, 10_000);
  // The client cuts every request at its `timeout`, so writes (with `wait: true`) get their own client.
  const clientWithin = (timeout: number) => new QdrantClient({ url: settings.url, apiKey: settings.apiKey, timeout, checkCompatibility: false });
  const client = clientWithin(settings.timeoutMs);
  const writeClient = clientWithin(writeDeadlineMs);
  const collection = settings.collection;
  const batchSize = settings.batchSize ?? 64;
  const embeddingsModel = settings.embeddings?.model ?? null;
  let collectionReady: Promise<void> | null = null;
  /** The collection's vectors, once read (or created) by this process; see `hasDense`. */
  let vectors: Promise<CollectionVectors> | null = null;

  const embed = (texts: string[], timeoutMs = settings.timeoutMs) =>
    settings.embeddings ? embedTexts(settings.embeddings, texts, timeoutMs) : Promise.resolve(null);

  /**
   * Creates the collection, or checks that the existing one has the vectors configured (a
   * collection made before EMBEDDINGS_URL was set has no `dense`, and every hybrid query on it
   * would fail), then (re)applies the payload indexes: Qdrant accepts an index that exists, and
   * this adds any a first run left out.
   */
  function ensureCollection(): Promise<void> {
    collectionReady ??= (async () => {
      const { exists } = await withRetries("collection exists", writeDeadlineMs, () => writeClient.collectionExists(collection));
      const probe = await embed(["dimension probe"], writeDeadlineMs);
      const denseSize = probe?.[0]?.length ?? null;
      if (exists) {
        const info = await withRetries("collection info", writeDeadlineMs, () => writeClient.getCollection(collection));
        const mismatch = collectionMismatch(collection, collectionVectorsOf(info), denseSize);
        if (mismatch) throw new Error(mismatch);
      } else {
        await withRetries("create collection", writeDeadlineMs, () => writeClient.createCollection(collection, createCollectionBody(denseSize)));
      }
      vectors = Promise.resolve({ denseSize, bm25: true });
      for (const index of payloadIndexes) {
        await withRetries("create payload index", writeDeadlineMs, () => writeClient.createPayloadIndex(collection, { wait: true, ...index }));
      }
    })().catch((error: unknown) => {
      collectionReady = null;
      throw error;
    });
    return collectionReady;
  }

  /**
   * One rule for dense search: prefetch `dense` only if the collection has that vector, as read
   * from Qdrant once per process (an indexing run here has already checked it matches the model).
   * So a collection without one still answers lexically instead of rejecting every query.
   */
  function hasDense(budgetMs: number): Promise<boolean> {
    vectors ??= withRetries("collection info", budgetMs, () => client.getCollection(collection))
      .then(collectionVectorsOf)
      .catch((error: unknown) => {
        vectors = null;
        throw error;
      });
    return vectors.then(({ denseSize }) => denseSize !== null);
  }

  async function writeDocs(docs: BookDoc[]): Promise<void> {
    await ensureCollection();
    const entries = docs.flatMap((doc) => doc.chunks.map((chunk) => ({ chunk, docHash: doc.hash })));
    for (let start = 0; start < entries.length; start += batchSize) {
      const batch = entries.slice(start, start + batchSize);
      const dense = await embed(batch.map(({ chunk }) => chunkSearchText(chunk)), writeDeadlineMs);
      const points = batch.map(({ chunk, docHash }, index) => {
        const vector = dense?.[index];
        return pointFor(chunk, docHash, vector && embeddingsModel ? { vector, model: embeddingsModel } : null);
      });
      await withRetries("upsert", writeDeadlineMs, () => writeClient.upsert(collection, { wait: true, points }));
    }
    for (const doc of docs) {
      await withRetries("delete stale chunks", writeDeadlineMs, () =>
        writeClient.delete(collection, { wait: true, filter: staleChunksFilter(doc.docId, doc.hash) }),
      );
    }
  }

  /**
   * doc id → its indexed hash, or `rewriteMe` when its points disagree (an interrupted re-index
   * left old chunks beside new ones) or were embedded with another model than the configured one.
   */
  async function indexedDocs(): Promise<Map<string, string>> {
    await ensureCollection();
    const docs = new Map<string, string>();
    let offset: Schemas["ExtendedPointId"] | null | undefined = undefined;
    do {
      const page: Schemas["ScrollResult"] = await withRetries("scroll", writeDeadlineMs, () =>
        writeClient.scroll(collection, { limit: 256, offset, with_payload: ["doc_id", "doc_hash", "embeddings_model"], with_vector: false }),
      );
      for (const point of page.points) {
        const payload = point.payload as Partial<ChunkPayload> | null | undefined;
        if (!payload?.doc_id || !payload.doc_hash) continue;
        const current = (payload.embeddings_model ?? null) === embeddingsModel ? payload.doc_hash : rewriteMe;
        const seen = docs.get(payload.doc_id);
        docs.set(payload.doc_id, seen === undefined || seen === current ? current : rewriteMe);
      }
      offset = page.next_page_offset as Schemas["ExtendedPointId"] | null | undefined;
    } while (offset !== null && offset !== undefined);
    return docs;
  }

  async function search(query: RankingQuery): Promise<RankedChunk[]> {
    const started = performance.now();
    let dense: number[] | null = null;
    if (query.text && settings.embeddings) {
      // At most half the budget, so a slow embeddings service still leaves time to search lexically.
      dense = await embed([query.text], settings.timeoutMs / 2).then((vectors) => vectors?.[0] ?? null).catch((error: unknown) => {
        // Lexical results are still useful when the embeddings service is down.
        logger().warn({ error: describe(error) }, "query embedding failed; searching lexically");
        return null;
      });
    }
    // One budget per search: the embedding's time comes out of what the query may use.
    const remaining = () => settings.timeoutMs - (performance.now() - started);
    if (dense && !(await hasDense(remaining()))) dense = null;
    const body = queryBody(query, { dense, candidates: Math.max(query.limit * 5, 50) });
    const result = await withRetries("query", remaining(), () => client.query(collection, body));
    const points = isPlainListing(query) ? inBookOrder(result.points).slice(0, query.limit) : result.points;
    return points.map((point) => {
      const payload = (point.payload ?? {}) as Partial<ChunkPayload>;
      return {
        id: String(point.id),
        title: payload.title ?? "",
        url: payload.url ?? "",
        chapter: payload.chapter ?? "",
        section: payload.section ?? "",
        level: (payload.level ?? "intermediate") as ContentLevel,
        tracks: (payload.tracks ?? []) as ContentTrack[],
        // Points written before inference existed have no flags: nothing about them was inferred.
        inferred: payload.inferred ?? { level: false, tracks: false, reasons: [] },
        body: payload.body ?? "",
        score: point.score,
      };
    });
  }

  return {
    name: "qdrant",
    search,
    writeDocs,
    indexedDocs,
    async removeDocs(docIds) {
      if (!docIds.length) return;
      await ensureCollection();
      await withRetries("delete docs", writeDeadlineMs, () => writeClient.delete(collection, { wait: true, filter: docsFilter(docIds) }));
    },
    async chunkCount() {
      await ensureCollection();
      const { count } = await withRetries("count", settings.timeoutMs, () => client.count(collection, { exact: true }));
      return count;
    },
    async status() {
      const { exists } = await withRetries("collection exists", settings.timeoutMs, () => client.collectionExists(collection));
      return exists ? { ok: true } : { ok: false, detail: `collection ${collection} does not exist yet` };
    },
  };
}
