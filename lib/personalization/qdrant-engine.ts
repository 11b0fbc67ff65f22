import type { Schemas } from "@qdrant/js-client-rest";
import type { BookDoc, ContentLevel, ContentTrack } from "@/lib/content";
import { ApiError, logger } from "@/lib/http";
import type { ContentEngine } from "./engine";
import { embedTexts, type EmbeddingsSettings } from "./embeddings";
import type { RankedChunk, RankingQuery } from "./query";
import {
  bookPlace,
  chunkSearchText,
  collectionMismatch,
  collectionVectorsOf,
  createCollectionBody,
  docsFilter,
  inRankOrder,
  isWeighted,
  listingBodies,
  payloadIndexes,
  pointFor,
  queryBody,
  searchText,
  staleChunksFilter,
  type ChunkPayload,
  type CollectionVectors,
} from "./qdrant-query";
import { createQdrantHttp, QdrantHttpError } from "./qdrant-http";
import { UnsupportedQdrantError, unsupportedQdrantVersion } from "./qdrant-version";
import { forgetRankedAnswers } from "./ranked-cache";
import { keepBestAnswerNearTop } from "./relevance-first";
import { boostFactor, readFactor } from "./weights";

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

/**
 * Overload, Qdrant's own timeout (408) and server failures are worth retrying; another 4xx is
 * our bug. Network errors and our deadline (TimeoutError) count as an outage too.
 */
function isTransient(error: unknown): boolean {
  if (error instanceof QdrantHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return true;
}

function describe(error: unknown): string {
  if (error instanceof QdrantHttpError) return error.message;
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return `${(error as Error)?.name ?? "Error"}: ${message}${typeof cause === "string" ? ` (${cause})` : ""}`;
}

/** Qdrant's 404 for a collection that is not there (a wrong path through a proxy is a 404 too). */
const isMissingCollection = (error: QdrantHttpError) => error.status === 404 && /doesn't exist/.test(error.reason);

/**
 * Runs one Qdrant call with retries (exponential backoff with jitter, at least a 429's full
 * Retry-After) inside one deadline that every attempt and wait shares; each attempt is cut off
 * at what is left. A final outage becomes the contract's SEARCH_UNAVAILABLE (503), a request
 * Qdrant rejects (4xx) an INTERNAL_ERROR with Qdrant's reason in the log, unless the caller
 * `expects` that answer and handles it (it is then rethrown as is).
 */
async function withRetries<T>(
  operation: string,
  budgetMs: number,
  call: (timeoutMs: number) => Promise<T>,
  expects: (error: QdrantHttpError) => boolean = () => false,
): Promise<T> {
  const deadline = performance.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const left = deadline - performance.now();
      if (left <= 0) throw new DOMException(`no answer within ${Math.round(budgetMs)} ms`, "TimeoutError");
      return await call(left);
    } catch (error) {
      if (error instanceof QdrantHttpError && !isTransient(error) && expects(error)) throw error;
      const retryAfterMs = error instanceof QdrantHttpError ? (error.retryAfterMs ?? 0) : 0;
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

/** What indexedDocs reports for a doc whose points are stale or disagree: no real doc hash ever equals it, so the doc is rewritten. */
const staleDocHash = "stale: rewrite";

type Point = { id: Schemas["ExtendedPointId"]; score: number; payload?: Record<string, unknown> | null };

function rankedChunkOf(point: Point): RankedChunk {
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
    // Points written before confidence was indexed count as the author's (the formula's default).
    confidence: payload.confidence ?? 1,
    body: payload.body ?? "",
    score: point.score,
  };
}

/**
 * A guest's #1 among the points of a query with text: the fused relevance, which is the score
 * divided by the factor the formula applied (computed from the same payload), in book order on ties.
 * Every prefetched point comes back from the formula stage, so the guest's #1 is always among them.
 */
function bestAnswerOf(points: Point[], query: RankingQuery): string | null {
  if (!searchText(query) || !(query.boosts.length || query.readUrls.length) || !points.length) return null;
  const readUrls = new Set(query.readUrls);
  const relevance = (point: Point) => {
    const chunk = rankedChunkOf(point);
    // Rounded: dividing back may differ from the fused score in the last bits, and ties must stay ties.
    return Number((point.score / (boostFactor(chunk, query.boosts) * readFactor(chunk, readUrls))).toPrecision(12));
  };
  const [best] = inRankOrder(points.map((point) => ({ ...point, score: relevance(point) })));
  return best ? String(best.id) : null;
}

/** The Qdrant content engine (QDRANT_URL set). Bodies are built in qdrant-query.ts. */
export function createQdrantEngine(settings: QdrantEngineSettings): ContentEngine {
  // Indexing and start-up may wait longer than a reader's search.
  const writeDeadlineMs = Math.max(settings.timeoutMs * 5, 10_000);
  const http = createQdrantHttp(settings);
  const collection = settings.collection;
  const at = `/collections/${encodeURIComponent(collection)}`;
  const batchSize = settings.batchSize ?? 64;
  const embeddingsModel = settings.embeddings?.model ?? null;
  let serverChecked: Promise<void> | null = null;
  let collectionReady: Promise<void> | null = null;
  /** The collection's vectors, once read (or created) by this process; see `hasDense`. */
  let vectors: Promise<CollectionVectors> | null = null;

  const embed = (texts: string[], timeoutMs = settings.timeoutMs) =>
    settings.embeddings ? embedTexts(settings.embeddings, texts, timeoutMs) : Promise.resolve(null);

  /**
   * Once per process: the server's version (`versionInfo`); an unsupported one is refused for
   * good with one line, an unreachable server is asked again next time.
   */
  function checkServer(budgetMs: number): Promise<void> {
    serverChecked ??= withRetries("version", budgetMs, (timeoutMs) => http.version(timeoutMs)).then(
      ({ version }) => {
        const unsupported = unsupportedQdrantVersion(String(version));
        if (unsupported) throw new UnsupportedQdrantError(unsupported);
      },
      (error: unknown) => {
        serverChecked = null;
        throw error;
      },
    );
    return serverChecked;
  }

  /**
   * Creates the collection, or checks that the existing one has the vectors configured (a
   * collection made before EMBEDDINGS_URL was set has no `dense`, and every hybrid query on it
   * would fail), then (re)applies the payload indexes: Qdrant accepts an index that exists, and
   * this adds any a first run left out. Another process creating it at the same moment (409)
   * counts as existing.
   */
  function ensureCollection(): Promise<void> {
    collectionReady ??= (async () => {
      await checkServer(writeDeadlineMs);
      const { exists } = await withRetries("collection exists", writeDeadlineMs, (timeoutMs) =>
        http.request<{ exists: boolean }>("GET", `${at}/exists`, { timeoutMs }),
      );
      const probe = await embed(["dimension probe"], writeDeadlineMs);
      const denseSize = probe?.[0]?.length ?? null;
      const created =
        !exists &&
        (await withRetries(
          "create collection",
          writeDeadlineMs,
          (timeoutMs) => http.request<boolean>("PUT", at, { timeoutMs, body: createCollectionBody(denseSize) }),
          (error) => error.status === 409,
        ).catch((error: unknown) => {
          if (error instanceof QdrantHttpError) return false; // created meanwhile by someone else: check it
          throw error;
        }));
      if (!created) {
        const info = await withRetries("collection info", writeDeadlineMs, (timeoutMs) => http.request<Schemas["CollectionInfo"]>("GET", at, { timeoutMs }));
        const mismatch = collectionMismatch(collection, collectionVectorsOf(info), denseSize);
        if (mismatch) throw new Error(mismatch);
      }
      vectors = Promise.resolve({ denseSize, bm25: true, idf: true });
      for (const index of payloadIndexes) {
        await withRetries("create payload index", writeDeadlineMs, (timeoutMs) => http.request("PUT", `${at}/index?wait=true`, { timeoutMs, body: index }));
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
    vectors ??= withRetries("collection info", budgetMs, (timeoutMs) => http.request<Schemas["CollectionInfo"]>("GET", at, { timeoutMs }), isMissingCollection)
      .then(collectionVectorsOf)
      .catch((error: unknown) => {
        vectors = null;
        throw error;
      });
    return vectors.then(({ denseSize }) => denseSize !== null);
  }

  async function writeDocs(docs: BookDoc[]): Promise<void> {
    // Kept rankings go when the write ends, whether it ends well or half-way.
    try {
      await writeDocsNow(docs);
    } finally {
      forgetRankedAnswers();
    }
  }

  async function writeDocsNow(docs: BookDoc[]): Promise<void> {
    await ensureCollection();
    const entries = docs.flatMap((doc) => doc.chunks.map((chunk) => ({ chunk, docHash: doc.hash })));
    for (let start = 0; start < entries.length; start += batchSize) {
      const batch = entries.slice(start, start + batchSize);
      const dense = await embed(
        batch.map(({ chunk }) => chunkSearchText(chunk)),
        writeDeadlineMs,
      );
      const points = batch.map(({ chunk, docHash }, index) => {
        const vector = dense?.[index];
        return pointFor(chunk, docHash, vector && embeddingsModel ? { vector, model: embeddingsModel } : null);
      });
      await withRetries("upsert", writeDeadlineMs, (timeoutMs) => http.request("PUT", `${at}/points?wait=true`, { timeoutMs, body: { points } }));
    }
    for (const doc of docs) {
      await withRetries("delete stale chunks", writeDeadlineMs, (timeoutMs) =>
        http.request("POST", `${at}/points/delete?wait=true`, { timeoutMs, body: { filter: staleChunksFilter(doc.docId, doc.hash) } }),
      );
    }
  }

  /**
   * doc id → its indexed hash, or `staleDocHash` when its points disagree (an interrupted re-index
   * left old chunks beside new ones) or were embedded with another model than the configured one.
   */
  async function indexedDocs(): Promise<Map<string, string>> {
    await ensureCollection();
    const docs = new Map<string, string>();
    indexedPlaces.clear();
    let offset: Schemas["ExtendedPointId"] | null | undefined = undefined;
    do {
      const body = {
        limit: 256,
        offset,
        with_payload: ["doc_id", "doc_hash", "embeddings_model", "book_order", "book_place", "chapter_label"],
        with_vector: false,
      };
      const page: Schemas["ScrollResult"] = await withRetries("scroll", writeDeadlineMs, (timeoutMs) =>
        http.request<Schemas["ScrollResult"]>("POST", `${at}/points/scroll`, { timeoutMs, body }),
      );
      for (const point of page.points) {
        const payload = point.payload as Partial<ChunkPayload> | null | undefined;
        if (!payload?.doc_id || !payload.doc_hash) continue;
        // Points written before `book_place` existed cannot be listed in the book's order: rewritten.
        const current = (payload.embeddings_model ?? null) === embeddingsModel && typeof payload.book_place === "number" ? payload.doc_hash : staleDocHash;
        const seen = docs.get(payload.doc_id);
        docs.set(payload.doc_id, seen === undefined || seen === current ? current : staleDocHash);
        const place = placeKey(payload.book_order, payload.chapter_label);
        const placed = indexedPlaces.get(payload.doc_id);
        indexedPlaces.set(payload.doc_id, placed === undefined || placed === place ? place : "points disagree");
      }
      offset = page.next_page_offset as Schemas["ExtendedPointId"] | null | undefined;
    } while (offset !== null && offset !== undefined);
    return docs;
  }

  /** doc id → where its points say it is in the book, as the last `indexedDocs` scroll read them. */
  const indexedPlaces = new Map<string, string>();
  const placeKey = (order: unknown, label: unknown) => JSON.stringify([order ?? null, label ?? null]);

  /**
   * Moves docs whose text is unchanged to their place in the book: each of their points gets the
   * doc's new order and label, and its own `book_place`, in batches of one request.
   */
  async function placeDocs(docs: BookDoc[]): Promise<void> {
    const moved = docs.filter((doc) => indexedPlaces.get(doc.docId) !== placeKey(doc.place.order, doc.place.chapterLabel));
    const operations: Schemas["UpdateOperation"][] = moved.flatMap((doc) =>
      doc.chunks.map((chunk) => ({
        set_payload: {
          payload: { book_order: doc.place.order, chapter_label: doc.place.chapterLabel, book_place: bookPlace(doc.place.order, chunk.position) },
          points: [chunk.id],
        },
      })),
    );
    for (let start = 0; start < operations.length; start += batchSize * 4) {
      const body = { operations: operations.slice(start, start + batchSize * 4) };
      await withRetries("set payload", writeDeadlineMs, (timeoutMs) => http.request("POST", `${at}/points/batch?wait=true`, { timeoutMs, body }));
    }
    if (moved.length) forgetRankedAnswers();
  }

  async function rankedPoints(query: RankingQuery, started: number): Promise<Point[]> {
    const remaining = () => settings.timeoutMs - (performance.now() - started);
    await checkServer(remaining()).catch((error: unknown) => {
      if (!(error instanceof UnsupportedQdrantError)) throw error;
      logger().error({ error: error.message }, "qdrant refused");
      throw new ApiError("SEARCH_UNAVAILABLE", "The book's search engine is not available.", undefined, 503);
    });
    const text = searchText(query);
    let dense: number[] | null = null;
    if (text && settings.embeddings) {
      // At most half the budget, so a slow embeddings service still leaves time to search lexically.
      const embeddingMs = Math.max(Math.floor(Math.min(settings.timeoutMs / 2, remaining())), 1);
      dense = await embed([text], embeddingMs)
        .then((vectors) => vectors?.[0] ?? null)
        .catch((error: unknown) => {
          // Lexical results are still useful when the embeddings service is down.
          logger().warn({ error: describe(error) }, "query embedding failed; searching lexically");
          return null;
        });
    }
    // One budget per search: the embedding's time comes out of what the query may use.
    if (dense && !(await hasDense(remaining()))) dense = null;
    if (!text) return listing(query, remaining);
    const body = queryBody(query, { dense, candidates: Math.max(query.limit * 5, 50) });
    const result = await ask(body, remaining());
    return keepBestAnswerNearTop(inRankOrder(result), bestAnswerOf(result, query)).slice(0, query.limit);
  }

  async function ask(body: Schemas["QueryRequest"], budgetMs: number): Promise<Point[]> {
    const result = await withRetries(
      "query",
      budgetMs,
      (timeoutMs) => http.request<Schemas["QueryResponse"]>("POST", `${at}/points/query`, { timeoutMs, body }),
      isMissingCollection,
    );
    return result.points as Point[];
  }

  /**
   * Without text: ranked by Qdrant, `limit` points back (ADR-0041). A guest's list is the book's
   * order (score 1, as the embedded engine's relevance 1 × factor 1). A reader's is the formula's
   * top `limit` and one more; when that one ties the last score, the points tied at it are asked
   * for again in the book's order, and the earliest of them complete the list.
   */
  async function listing(query: RankingQuery, remaining: () => number): Promise<Point[]> {
    const bodies = listingBodies(query);
    const first = await ask(bodies.first, remaining());
    if (!isWeighted(query)) return first.map((point) => ({ ...point, score: 1 }));
    const byScore = [...first].sort((a, b) => b.score - a.score);
    const top = byScore.slice(0, query.limit);
    const last = top.at(-1)?.score ?? 0;
    // The one point more scores lower (or there is none): every point tied at the last score is here.
    if (top.length < query.limit || (byScore[query.limit]?.score ?? -Infinity) < last) return inRankOrder(top);
    const above = top.filter((point) => point.score > last);
    const aboveIds = new Set(above.map((point) => String(point.id)));
    const tied = (await ask(bodies.tiesFrom(last), remaining()))
      .filter((point) => !aboveIds.has(String(point.id)))
      .slice(0, query.limit - above.length)
      .map((point) => ({ ...point, score: last }));
    return inRankOrder([...above, ...tied]);
  }

  async function search(query: RankingQuery): Promise<RankedChunk[]> {
    const points = await rankedPoints(query, performance.now()).catch((error: unknown) => {
      if (!(error instanceof QdrantHttpError)) throw error;
      // Searched before anything was indexed: like the embedded engine's empty table, no results.
      logger().warn({ collection }, "qdrant collection does not exist yet; run npm run index");
      return [];
    });
    return points.map(rankedChunkOf);
  }

  return {
    name: "qdrant",
    search,
    writeDocs,
    placeDocs,
    indexedDocs,
    async removeDocs(docIds) {
      if (!docIds.length) return;
      await ensureCollection();
      await withRetries("delete docs", writeDeadlineMs, (timeoutMs) =>
        http.request("POST", `${at}/points/delete?wait=true`, { timeoutMs, body: { filter: docsFilter(docIds) } }),
      );
      forgetRankedAnswers();
    },
    async chunkCount() {
      await ensureCollection();
      const { count } = await withRetries("count", settings.timeoutMs, (timeoutMs) =>
        http.request<{ count: number }>("POST", `${at}/points/count`, { timeoutMs, body: { exact: true } }),
      );
      return count;
    },
    async status() {
      const unsupported = await checkServer(settings.timeoutMs).then(
        () => null,
        (error: unknown) => {
          if (error instanceof UnsupportedQdrantError) return error.message;
          throw error;
        },
      );
      if (unsupported) return { ok: false, detail: unsupported };
      const { exists } = await withRetries("collection exists", settings.timeoutMs, (timeoutMs) =>
        http.request<{ exists: boolean }>("GET", `${at}/exists`, { timeoutMs }),
      );
      return exists ? { ok: true } : { ok: false, detail: `collection ${collection} does not exist yet` };
    },
  };
}
