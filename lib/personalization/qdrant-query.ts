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

/** The payload keeps what results show, plus what the formula and the indexer read. */
export type ChunkPayload = Omit<ContentChunk, "id" | "docId"> & { doc_id: string; doc_hash: string; track_share: number };

export function chunkSearchText(chunk: ContentChunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.body}`;
}

export function pointFor(chunk: ContentChunk, docHash: string, dense: number[] | null): Schemas["PointStruct"] {
  const { id, docId, ...rest } = chunk;
  const payload: ChunkPayload = {
    ...rest,
    doc_id: docId,
    doc_hash: docHash,
    track_share: chunk.tracks.length ? 1 / chunk.tracks.length : 0,
  };
  return {
    id,
    vector: {
      [sparseVectorName]: { text: chunkSearchText(chunk), model: bm25Model, options: bm25Options },
      ...(dense ? { [denseVectorName]: dense } : {}),
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

  if (!weighted) return { ...(chapterFilter ? { filter: chapterFilter } : {}), ...common };
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
