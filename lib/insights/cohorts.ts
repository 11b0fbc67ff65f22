import { contentLevels, contentTracks, type ContentLevel, type ContentTrack } from "@/lib/content";
import type { TargetLevels } from "@/lib/contract";

/** DESIGN's key for counts by background: `"<track>:<target level>"`, e.g. `"hardware:beginner"`. */
export type CohortKey = `${ContentTrack}:${ContentLevel}`;

/** One key per track: a reader counts once per track. */
export function cohortsOf(levels: TargetLevels | null): CohortKey[] {
  if (!levels) return [];
  return contentTracks.filter((track) => contentLevels.includes(levels[track])).map((track) => `${track}:${levels[track]}` as CohortKey);
}

/** Counts by cohort, hidden per track (each track's levels split the same readers). */
export function byTrack<Value>(counts: ReadonlyMap<string, number>, hide: (group: Record<string, number>) => Record<string, Value>) {
  const answer: Partial<Record<CohortKey, Value>> = {};
  for (const track of contentTracks) {
    const group = Object.fromEntries(contentLevels.map((level) => [`${track}:${level}`, counts.get(`${track}:${level}`) ?? 0]));
    Object.assign(answer, hide(group));
  }
  return answer as Record<CohortKey, Value>;
}
