import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";
import type { Background, PersonalizeQuery, PersonalizeResponse } from "@/lib/contract";
import { contentEngine, type ContentEngine } from "./engine";
import { recordPersonalizationEvent } from "./events";
import { searchKept } from "./ranked-cache";
import { countSearchFailure, observeSearch } from "./metrics";
import { rankingQuery, type RankedChunk } from "./query";
import { snippetFor } from "./snippet";
import { candidatesFor, withVariety } from "./variety";
import { readSectionRow, reasonsFor, targetLevelsFor, type Boost } from "./weights";
import { readUrlsOf } from "@/lib/reading";

/** Who is asking: a signed-in reader (maybe without a background yet) or a guest (null). */
export type PersonalizeReader = { userId: string; background: Background | null } | null;

function promptFor(reader: PersonalizeReader): string {
  const base = config().BETTER_AUTH_URL.replace(/\/$/, "");
  return reader
    ? `Answer the three background questions at ${base}/account to see the book ranked for you.`
    : `Sign up at ${base}/sign-up and tell us your background to see the book ranked for you.`;
}

/** Why an inferred level or track that weighed in the ranking was inferred ("inferred hardware: actuators, torque"). */
function inferenceReasons(chunk: RankedChunk, boosts: Boost[]): string[] {
  return reasonsFor(chunk, boosts).length ? chunk.inferred.reasons : [];
}

/**
 * Ranks the book for a reader: their background's boosts (none for guests), the query and
 * chapter, on the configured engine; records the event for the book's authors.
 */
export async function personalize(query: PersonalizeQuery, reader: PersonalizeReader, engine: ContentEngine = contentEngine()): Promise<PersonalizeResponse> {
  const background = reader?.background ?? null;
  const readUrls = reader ? await readUrlsOf(reader.userId) : [];
  const ranking = rankingQuery(query, background, readUrls);
  const read = new Set(readUrls);
  const started = performance.now();
  // More candidates than shown: a page's extra sections move into `also` (variety.ts).
  const chunks = await searchKept(engine, { ...ranking, limit: candidatesFor(ranking.limit) }).catch((error: unknown) => {
    countSearchFailure(engine.name, error instanceof ApiError ? error.code : "INTERNAL_ERROR");
    throw error;
  });
  const latencyMs = performance.now() - started;
  observeSearch(engine.name, background !== null, latencyMs / 1000);

  const results = withVariety(chunks, ranking.limit).map((chunk) => ({
    id: chunk.id,
    title: chunk.title,
    url: chunk.url,
    chapter: chunk.chapter,
    section: chunk.section,
    level: chunk.level,
    tracks: chunk.tracks,
    snippet: snippetFor(chunk.body, ranking.text),
    score: Math.round(chunk.score * 1e6) / 1e6,
    reasons: [...reasonsFor(chunk, ranking.boosts), ...inferenceReasons(chunk, ranking.boosts), ...(read.has(chunk.url) ? [readSectionRow.reason] : [])],
    inferred: { level: chunk.inferred.level, tracks: chunk.inferred.tracks },
    ...(chunk.also ? { also: chunk.also } : {}),
    // Only a signed-in reader has progress; a guest's answer says nothing about it.
    ...(reader ? { read: read.has(chunk.url) } : {}),
  }));
  recordPersonalizationEvent({
    userId: reader?.userId ?? null,
    query: ranking.text,
    chapter: ranking.chapter,
    targetLevels: background ? targetLevelsFor(background) : null,
    engine: engine.name,
    resultCount: results.length,
    latencyMs,
  });
  return {
    personalized: background !== null,
    engine: engine.name,
    profile: background ? { background } : null,
    results,
    ...(background ? {} : { signup_prompt: promptFor(reader) }),
  };
}
