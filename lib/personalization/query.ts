import { z } from "zod";
import type { ContentLevel, ContentTrack, InferredFlags } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { boostsFor, type Boost } from "./weights";

/** `GET /api/v1/personalize` query parameters (unknown parameters are rejected, by name). */
export const personalizeQuerySchema = z.strictObject({
  q: z.string().max(500, "at most 500 characters").transform((value) => value.trim()).optional(),
  chapter: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "a chapter id: letters, digits, - and _").optional(),
  // Digits only: Number() would also take "1e1", "0x10" and " 5 ".
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "a whole number from 1 to 50")
    .transform(Number)
    .pipe(z.number().min(1, "at least 1").max(50, "at most 50"))
    .default(10),
});
export type PersonalizeQuery = z.infer<typeof personalizeQuerySchema>;

/** What both engines are asked: engine-neutral, compiled to SQL or to a Qdrant query body. */
export type RankingQuery = {
  /** Free text, or null to rank by the boosts alone (within `chapter` when given). */
  text: string | null;
  chapter: string | null;
  limit: number;
  /** Empty for guests: the unweighted order. */
  boosts: Boost[];
  /** Section urls the reader has marked read (the weight table's read row); empty for guests. */
  readUrls: string[];
};

export function rankingQuery(query: PersonalizeQuery, background: Background | null, readUrls: string[] = []): RankingQuery {
  return {
    text: query.q ? query.q : null,
    chapter: query.chapter ?? null,
    limit: query.limit,
    boosts: background ? boostsFor(background) : [],
    readUrls,
  };
}

/** A section of the book as "Continue where you left off" walks it. */
export type BookSection = { url: string; title: string; section: string; level: ContentLevel; tracks: ContentTrack[] };

/** One ranked chunk as an engine returns it. */
export type RankedChunk = {
  id: string;
  title: string;
  url: string;
  chapter: string;
  section: string;
  level: ContentLevel;
  tracks: ContentTrack[];
  /** Which of level and tracks the indexer inferred, and why (ContentChunk's `inferred`). */
  inferred: InferredFlags;
  body: string;
  score: number;
};
