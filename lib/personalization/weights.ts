import type { Background } from "@/lib/contract";
import { contentLevels, contentTracks, type ContentLevel, type ContentTrack } from "@/lib/content";

/** The background answer that decides each track's target level. */
const fieldForTrack = {
  software: "software_experience",
  programming: "programming_background",
  hardware: "hardware_knowledge",
} as const satisfies Record<ContentTrack, keyof Background>;

/** DESIGN.md's mapping from an answer to the level a reader should be reading at. */
const targetForAnswer: Record<string, ContentLevel> = {
  // software_experience
  beginner: "beginner",
  expert: "advanced",
  // programming_background, hardware_knowledge
  none: "beginner",
  basic: "beginner",
  // both
  intermediate: "intermediate",
  advanced: "advanced",
};

export function targetLevelFor(track: ContentTrack, background: Background): ContentLevel {
  return targetForAnswer[background[fieldForTrack[track]]]!;
}

export type TargetLevels = Record<ContentTrack, ContentLevel>;

export function targetLevelsFor(background: Background): TargetLevels {
  return Object.fromEntries(contentTracks.map((track) => [track, targetLevelFor(track, background)])) as TargetLevels;
}

/**
 * THE weight table: how a chunk's level compares with the reader's target level for one of
 * its tracks (in steps, chunk minus target) → how much its score changes, and why, in words.
 * A chunk's score is multiplied by 1 + (sum of its tracks' weights) / (number of its tracks),
 * so relevance still dominates and a chunk for two tracks is not boosted twice.
 */
export const weightTable = {
  [-2]: { weight: -0.4, reason: (target: ContentLevel, track: ContentTrack) => `ranked lower: introductory material for your ${target} ${track} background` },
  [-1]: { weight: 0.25, reason: (target: ContentLevel, track: ContentTrack) => `a step below your ${target} ${track} background, a quick read` },
  [0]: { weight: 0.6, reason: (target: ContentLevel, track: ContentTrack) => `matches your ${target} ${track} background` },
  [1]: { weight: 0.25, reason: (target: ContentLevel, track: ContentTrack) => `one step beyond your ${target} ${track} background` },
  [2]: { weight: -0.5, reason: (target: ContentLevel, track: ContentTrack) => `ranked lower: advanced material for your ${target} ${track} background` },
} as const;

/**
 * The table's row for what the reader has already read (reading progress): the score of a
 * section marked read is multiplied by 1 + this weight, whatever its level, so "For you" moves
 * on to what is new while a read section can still answer a search.
 */
export const readSectionRow = { weight: -0.5, reason: "ranked lower: you have read this section" } as const;

/** The read row as a multiplier: 1 + weight when the chunk's url is marked read, else 1. */
export function readFactor(chunk: { url: string }, readUrls: ReadonlySet<string>): number {
  return readUrls.has(chunk.url) ? 1 + readSectionRow.weight : 1;
}

/** One condition the engines apply: chunks of `level` needing `track` get `weight`. */
export type Boost = { track: ContentTrack; level: ContentLevel; weight: number; reason: string };

const rank = (level: ContentLevel) => contentLevels.indexOf(level);

/** Every (track, level) pair with its weight for this reader (the table has no zero row): the query's boosts. */
export function boostsFor(background: Background): Boost[] {
  return contentTracks.flatMap((track) => {
    const target = targetLevelFor(track, background);
    return contentLevels.flatMap((level) => {
      const entry = weightTable[(rank(level) - rank(target)) as keyof typeof weightTable];
      return [{ track, level, weight: entry.weight, reason: entry.reason(target, track) }];
    });
  });
}

/** The boosts that applied to a chunk, strongest first (ties in the doc's track order): the result's `reasons`. */
export function reasonsFor(chunk: { level: ContentLevel; tracks: readonly ContentTrack[] }, boosts: readonly Boost[]): string[] {
  return boosts
    .filter((boost) => boost.level === chunk.level && chunk.tracks.includes(boost.track))
    .sort((a, b) => b.weight - a.weight || chunk.tracks.indexOf(a.track) - chunk.tracks.indexOf(b.track))
    .map((boost) => boost.reason);
}

/** The multiplier the engines compute in SQL / Qdrant's formula, here for tests and checks. */
export function boostFactor(chunk: { level: ContentLevel; tracks: readonly ContentTrack[] }, boosts: readonly Boost[]): number {
  if (chunk.tracks.length === 0) return 1;
  const sum = boosts.filter((boost) => boost.level === chunk.level && chunk.tracks.includes(boost.track)).reduce((total, boost) => total + boost.weight, 0);
  return 1 + sum / chunk.tracks.length;
}
