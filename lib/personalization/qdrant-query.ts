import type { Schemas } from "@qdrant/js-client-rest";
import type { ContentChunk } from "@/lib/content";
import type { RankingQuery } from "./query";
import { isOnlyStopWords } from "./qdrant-stop-words";
import { boostCases, readSectionRow } from "./weights";

/** Names inside the Qdrant collection. */
export const sparseVectorName = "bm25";
export const denseVectorName = "dense";
/** Qdrant's server-side BM25 model: the server tokenizes, stems and weights (ADR-0011). */
export const bm25Model = "qdrant/bm25";
/** Chunks are short sections; BM25's length normalisation should expect that. */
const bm25Options = { avg_len: 120 };
/** RRF's k: small enough that rank still matters, large enough that boosts can reorder. */
const rrfK = 10;

export const payloadIndexes: Schemas["CreateFieldIndex"][] = [
  { field_name: "chapter", field_schema: "keyword" },
  { field_name: "level", field_schema: "keyword" },
  { field_name: "tracks", field_schema: "keyword" },
  { field_name: "doc_id", field_schema: "keyword" },
  { field_name: "doc_hash", field_schema: "keyword" },
  { field_name: "confidence", field_schema: "float" },
  // Listings without text are ordered by it on the server (`order_by` needs a range index).
  { field_name: "book_place", field_schema: "integer" },
];

export function createCollectionBody(denseSize: number | null): Schemas["CreateCollection"] {
  return {
    sparse_vectors: { [sparseVectorName]: { modifier: "idf" } },
    ...(denseSize ? { vectors: { [denseVectorName]: { size: denseSize, distance: "Cosine" } } } : {}),
  };
}

/**
 * The vectors a collection was created with: the dense size (null without one), whether BM25 is
 * there, and whether it weighs terms by IDF (without `modifier: idf` Qdrant stores the BM25 vector
 * but scores every term alike, so rare words stop counting: a silent ranking change).
 */
export type CollectionVectors = { denseSize: number | null; bm25: boolean; idf: boolean };

export function collectionVectorsOf(info: Schemas["CollectionInfo"]): CollectionVectors {
  const { vectors, sparse_vectors } = info.config.params;
  const named = vectors && !("size" in vectors) ? (vectors as Record<string, Schemas["VectorParams"]>) : {};
  const bm25 = sparse_vectors?.[sparseVectorName];
  return { denseSize: named[denseVectorName]?.size ?? null, bm25: Boolean(bm25), idf: bm25?.modifier === "idf" };
}

/** Why an existing collection cannot serve what is configured (one line), or null when it can. */
export function collectionMismatch(collection: string, actual: CollectionVectors, denseSize: number | null): string | null {
  const fix = "delete it or set QDRANT_COLLECTION to a new name and re-index";
  if (!actual.bm25) return `collection ${collection} has no "${sparseVectorName}" sparse vector; ${fix}`;
  if (!actual.idf) return `collection ${collection}'s "${sparseVectorName}" sparse vector was created without modifier "idf"; ${fix}`;
  if (denseSize && !actual.denseSize) return `collection ${collection} was created without dense vectors but EMBEDDINGS_URL is set; ${fix}`;
  if (!denseSize && actual.denseSize) return `collection ${collection} has dense vectors but EMBEDDINGS_URL is not set; set it, or ${fix}`;
  if (denseSize && actual.denseSize !== denseSize) {
    return `collection ${collection} has dense vectors of size ${actual.denseSize} but the embeddings model gives ${denseSize}; ${fix}`;
  }
  return null;
}

/**
 * The payload keeps what results show, plus what the formula and the indexer read.
 * `embeddings_model` (absent without embeddings) makes a model switch count as a change.
 */
export type ChunkPayload = Omit<ContentChunk, "id" | "docId" | "bookOrder" | "chapterLabel"> & {
  doc_id: string;
  doc_hash: string;
  /** The doc's place in the book (its sidebar's order): ties and listings follow (book_order, position). */
  book_order: number;
  /** (book_order, position) as one integer, for ordering on the server: see `bookPlace`. */
  book_place: number;
  chapter_label: string;
  embeddings_model?: string;
};

/** Sections per doc that `book_place` keeps apart: far more than any doc has. */
const placeStride = 1_000_000;

/** A chunk's place in the whole book as one integer: its doc's place, then its position in the doc. */
export function bookPlace(bookOrder: number, position: number): number {
  return bookOrder * placeStride + position;
}

export function chunkSearchText(chunk: ContentChunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.body}`;
}

export function pointFor(chunk: ContentChunk, docHash: string, dense: { vector: number[]; model: string } | null): Schemas["PointStruct"] {
  const { id, docId, bookOrder, chapterLabel, ...rest } = chunk;
  const payload: ChunkPayload = {
    ...rest,
    doc_id: docId,
    doc_hash: docHash,
    book_order: bookOrder,
    book_place: bookPlace(bookOrder, chunk.position),
    chapter_label: chapterLabel,
    ...(dense ? { embeddings_model: dense.model } : {}),
  };
  return {
    id,
    vector: {
      [sparseVectorName]: { text: chunkSearchText(chunk), model: bm25Model, options: bm25Options },
      ...(dense ? { [denseVectorName]: dense.vector } : {}),
    },
    payload,
  };
}

const matchValue = (key: string, value: string): Schemas["FieldCondition"] => ({ key, match: { value } });

/** Deletes a doc's chunks left from older versions (its current hash is kept). */
export function staleChunksFilter(docId: string, docHash: string): Schemas["Filter"] {
  return { must: [matchValue("doc_id", docId)], must_not: [matchValue("doc_hash", docHash)] };
}

export function docsFilter(docIds: string[]): Schemas["Filter"] {
  return { must: [{ key: "doc_id", match: { any: docIds } }] };
}

/**
 * The weight table as a Qdrant formula: 1 + confidence × Σ weight·[level = L ∧ tracks are exactly S].
 * Qdrant's formulas have no `max`, so the best-track rule is compiled into one case per level and
 * set of tracks (`boostCases`), of which at most one holds; a condition counts 1 when it holds, else 0.
 * Cases are grouped under their level's condition: Qdrant stops evaluating a product at its first
 * 0, so a chunk checks only its own level's track cases (the listing scores every chunk in scope).
 */
export function boostFactorExpression(query: RankingQuery): Schemas["Expression"] {
  const cases = boostCases(query.boosts);
  const levels = [...new Set(cases.map((boostCase) => boostCase.level))];
  const byLevel = levels.map((level) => ({
    mult: [
      matchValue("level", level),
      {
        sum: cases
          .filter((boostCase) => boostCase.level === level)
          .map((boostCase) => ({
            mult: [
              boostCase.weight,
              {
                must: boostCase.tracks.map((track) => matchValue("tracks", track)),
                ...(boostCase.others.length ? { must_not: boostCase.others.map((track) => matchValue("tracks", track)) } : {}),
              },
            ],
          })),
      },
    ],
  }));
  return { sum: [1, { mult: ["confidence", { sum: byLevel }] }] };
}

/** The weight table's read row as a factor: 1 + weight·[url is one the reader marked read]. */
export function readFactorExpression(query: RankingQuery): Schemas["Expression"] {
  return { sum: [1, { mult: [readSectionRow.weight, { key: "url", match: { any: query.readUrls } }] }] };
}

/** Points written before confidence was indexed were re-indexed since (their hash changed); until then they count as written. */
const formulaDefaults = { confidence: 1 };

/** The boosts, times the read row when the reader has read anything. */
function weightExpression(query: RankingQuery): Schemas["Expression"] {
  if (!query.readUrls.length) return boostFactorExpression(query);
  if (!query.boosts.length) return readFactorExpression(query);
  return { mult: [boostFactorExpression(query), readFactorExpression(query)] };
}

export const resultPayload = ["title", "url", "chapter", "section", "level", "tracks", "inferred", "confidence", "body"];
/** What ordering ties needs, as the embedded engine breaks them: the book's order, then position, then doc id. */
const bookPosition = ["book_order", "position", "doc_id"];

/**
 * Without text a chunk's score is its boost factor, a function of its level and tracks alone, so
 * every chunk in scope is a candidate: the formula runs over a prefetch of up to this many chunks
 * of the chapter (or book), which is every chunk while the scope has at most this many.
 */
export const noTextCandidates = 10_000;

/** A query of stop words only ranks like no text, as on the embedded engine. */
export const searchText = (query: RankingQuery) => (query.text && !isOnlyStopWords(query.text) ? query.text : null);

type RankedPoint = { score: number; payload?: Record<string, unknown> | null };

/**
 * The embedded engine's order: score (highest first), then the book's order (the doc's place in
 * its sidebar, then position in the doc), then doc id (code-point order). Qdrant returns ties in
 * arbitrary order; sorting here makes them agree.
 */
export function inRankOrder<T extends RankedPoint>(points: T[]): T[] {
  const place = (point: T) => [Number(point.payload?.book_order ?? 0), Number(point.payload?.position ?? 0)] as const;
  const docOf = (point: T) => String(point.payload?.doc_id ?? "");
  return [...points].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const [orderA, positionA] = place(a);
    const [orderB, positionB] = place(b);
    if (orderA !== orderB || positionA !== positionB) return orderA - orderB || positionA - positionB;
    return docOf(a) < docOf(b) ? -1 : docOf(a) > docOf(b) ? 1 : 0;
  });
}

const chapterFilterOf = (query: RankingQuery): Schemas["Filter"] | undefined => (query.chapter ? { must: [matchValue("chapter", query.chapter)] } : undefined);

/** Whether a reader's background or read sections weigh the ranking (a guest's do not). */
export const isWeighted = (query: RankingQuery) => query.boosts.length > 0 || query.readUrls.length > 0;

/**
 * The query body with text: hybrid prefetch (BM25, plus dense when configured) fused with RRF,
 * then, for a reader, a formula that multiplies the fused score by the boosts; `candidates`
 * points come back (sorted and cut to the limit by `inRankOrder`). `chapter` is a hard filter.
 */
export function queryBody(query: RankingQuery, options: { dense: number[] | null; candidates: number }): Schemas["QueryRequest"] {
  const text = searchText(query);
  if (!text) return listingBodies(query).first;
  const chapterFilter = chapterFilterOf(query);
  const inChapter = chapterFilter ? { filter: chapterFilter } : {};
  const common = { limit: options.candidates, with_payload: [...resultPayload, ...bookPosition] };
  const sources: Schemas["Prefetch"][] = [{ query: { text, model: bm25Model }, using: sparseVectorName, limit: options.candidates, ...inChapter }];
  if (options.dense) sources.push({ query: options.dense, using: denseVectorName, limit: options.candidates, ...inChapter });
  const fused = { prefetch: sources, query: { rrf: { k: rrfK } }, limit: options.candidates };
  if (!isWeighted(query)) return { ...fused, ...common };
  return { prefetch: [fused], query: { formula: { mult: ["$score", weightExpression(query)] }, defaults: formulaDefaults }, ...common };
}

/**
 * A listing without text, ranked on the server so only `limit` points come back, with what the
 * answer shows (ADR-0041). A guest's list is the book's order: one `order_by` on `book_place`.
 * A reader's is the formula's top `limit` and one more (`first`: the one more tells whether the
 * last score's ties go on). Qdrant breaks ties arbitrarily, so `tiesFrom(score)` asks again for the
 * points scoring at least that, in the book's order: its first `limit` hold the earliest of the
 * tied points (ADR-0041 shows why).
 */
export function listingBodies(query: RankingQuery): {
  first: Schemas["QueryRequest"];
  tiesFrom: (score: number) => Schemas["QueryRequest"];
} {
  const chapterFilter = chapterFilterOf(query);
  const inChapter = chapterFilter ? { filter: chapterFilter } : {};
  const common = { limit: query.limit, with_payload: [...resultPayload, ...bookPosition] };
  const inBookOrder = { order_by: { key: "book_place", direction: "asc" as const } };
  if (!isWeighted(query)) {
    const first = { ...inChapter, query: inBookOrder, ...common };
    return { first, tiesFrom: () => first };
  }
  const weighted = { prefetch: [{ ...inChapter, limit: noTextCandidates }], query: { formula: weightExpression(query), defaults: formulaDefaults } };
  return {
    first: { ...weighted, ...common, limit: query.limit + 1 },
    tiesFrom: (score) => ({ prefetch: [{ ...weighted, score_threshold: score, limit: noTextCandidates }], query: inBookOrder, ...common }),
  };
}
