import type { Schemas } from "@qdrant/js-client-rest";
import type { ContentChunk } from "@/lib/content";
import type { RankingQuery } from "./query";

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
  { field_name: "track_share", field_schema: "float" },
];

export function createCollectionBody(denseSize: number | null): Schemas["CreateCollection"] {
  return {
    sparse_vectors: { [sparseVectorName]: { modifier: "idf" } },
    ...(denseSize ? { vectors: { [denseVectorName]: { size: denseSize, distance: "Cosine" } } } : {}),
  };
}

/** The vectors a collection was created with: the dense size (null without one) and whether BM25 is there. */
export type CollectionVectors = { denseSize: number | null; bm25: boolean };

export function collectionVectorsOf(info: Schemas["CollectionInfo"]): CollectionVectors {
  const { vectors, sparse_vectors } = info.config.params;
  const named = vectors && !("size" in vectors) ? (vectors as Record<string, Schemas["VectorParams"]>) : {};
  return { denseSize: named[denseVectorName]?.size ?? null, bm25: Boolean(sparse_vectors?.[sparseVectorName]) };
}

/** Why an existing collection cannot serve what is configured (one line), or null when it can. */
export function collectionMismatch(collection: string, actual: CollectionVectors, denseSize: number | null): string | null {
  const fix = "delete it or set QDRANT_COLLECTION to a new name and re-index";
  if (!actual.bm25) return `collection ${collection} has no "${sparseVectorName}" sparse vector; ${fix}`;
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
export type ChunkPayload = Omit<ContentChunk, "id" | "docId"> & {
  doc_id: string;
  doc_hash: string;
  track_share: number;
  embeddings_model?: string;
};

export function chunkSearchText(chunk: ContentChunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.body}`;
}

export function pointFor(
  chunk: ContentChunk,
  docHash: string,
  dense: { vector: number[]; model: string } | null,
): Schemas["PointStruct"] {
  const { id, docId, ...rest } = chunk;
  const payload: ChunkPayload = {
    ...rest,
    doc_id: docId,
    doc_hash: docHash,
    track_share: chunk.tracks.length ? 1 / chunk.tracks.length : 0,
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
 * The weight table as a Qdrant formula: 1 + track_share × Σ weight·[level = L ∧ tracks ∋ T].
 * A condition counts 1 when it holds and 0 otherwise; `track_share` is 1/number of tracks.
 */
export function boostFactorExpression(query: RankingQuery): Schemas["Expression"] {
  return {
    sum: [
      1,
      {
        mult: [
          "track_share",
          {
            sum: query.boosts.map((boost) => ({
              mult: [boost.weight, { must: [matchValue("level", boost.level), matchValue("tracks", boost.track)] }],
            })),
          },
        ],
      },
    ],
  };
}

const resultPayload = ["title", "url", "chapter", "section", "level", "tracks", "body"];

/**
 * A guest's list without text has no score to rank by; Postgres then orders by doc and position.
 * Qdrant's `order_by` takes one numeric key, and no stored number gives doc-then-position order
 * (docs are written a few at a time), so this many candidates are fetched and sorted here.
 * Exact while the chapter (or book) has at most this many chunks.
 */
export const listingCandidates = 256;

export const isPlainListing = (query: RankingQuery) => !query.text && query.boosts.length === 0;

type ListedPoint = { payload?: Record<string, unknown> | null };

/** Book order, as the embedded engine gives it: doc id, then position within the doc. */
export function inBookOrder<T extends ListedPoint>(points: T[]): T[] {
  const key = (point: T) => [String(point.payload?.doc_id ?? ""), Number(point.payload?.position ?? 0)] as const;
  return [...points].sort((a, b) => {
    const [docA, positionA] = key(a);
    const [docB, positionB] = key(b);
    return docA < docB ? -1 : docA > docB ? 1 : positionA - positionB;
  });
}

/**
 * The query body: hybrid prefetch (BM25, plus dense when configured) fused with RRF, then a
 * formula that multiplies the fused score by the reader's boosts. `chapter` is a hard filter.
 * Without text, candidates are the chapter's (or book's) chunks that the reader's boosts favour,
 * topped up with any others, ranked by the boosts alone.
 */
export function queryBody(
  query: RankingQuery,
  options: { dense: number[] | null; candidates: number },
): Schemas["QueryRequest"] {
  const chapterFilter: Schemas["Filter"] | undefined = query.chapter ? { must: [matchValue("chapter", query.chapter)] } : undefined;
  const common = { limit: query.limit, with_payload: resultPayload };
  const weighted = query.boosts.length > 0;

  if (query.text) {
    const sources: Schemas["Prefetch"][] = [
      { query: { text: query.text, model: bm25Model }, using: sparseVectorName, limit: options.candidates, ...(chapterFilter ? { filter: chapterFilter } : {}) },
    ];
    if (options.dense) {
      sources.push({ query: options.dense, using: denseVectorName, limit: options.candidates, ...(chapterFilter ? { filter: chapterFilter } : {}) });
    }
    const fused = { prefetch: sources, query: { rrf: { k: rrfK } }, limit: options.candidates };
    if (!weighted) return { ...fused, ...common };
    return { prefetch: [fused], query: { formula: { mult: ["$score", boostFactorExpression(query)] }, defaults: { track_share: 0 } }, ...common };
  }

  if (!weighted) {
    return { ...(chapterFilter ? { filter: chapterFilter } : {}), limit: listingCandidates, with_payload: [...resultPayload, "doc_id", "position"] };
  }
  const favoured: Schemas["Filter"] = {
    ...(chapterFilter ?? {}),
    should: query.boosts
      .filter((boost) => boost.weight > 0)
      .map((boost) => ({ must: [matchValue("level", boost.level), matchValue("tracks", boost.track)] })),
  };
  return {
    prefetch: [
      { filter: favoured, limit: options.candidates },
      { ...(chapterFilter ? { filter: chapterFilter } : {}), limit: options.candidates },
    ],
    query: { formula: boostFactorExpression(query), defaults: { track_share: 0 } },
    ...common,
  };
}
