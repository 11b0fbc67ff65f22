import type { ContentLevel, ContentTrack, InferredFlags } from "@/lib/content";
import type { Background, PersonalizeQuery } from "@/lib/contract";
import { boostsFor, type Boost } from "./weights";

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
  /** How sure the level is (1: written by the author); the boosts scaled with it. */
  confidence: number;
  body: string;
  score: number;
};
