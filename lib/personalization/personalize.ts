import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { completeProfileUrl, type Background, type PersonalizePrompt, type PersonalizeQuery, type PersonalizeResponse } from "@/lib/contract";
import { contentEngine, type ContentEngine } from "./engine";
import { recordPersonalizationEvent } from "./events";
import { searchKept } from "./ranked-cache";
import { countSearchFailure, observeSearch } from "./metrics";
import { rankingQuery, type RankedChunk } from "./query";
import { snippetFor } from "./snippet";
import { candidatesFor, pageOf, withVariety } from "./variety";
import { decidingTracks, inferredReasonCode, readSectionRow, reasonCodesFor, reasonsFor, targetLevelsFor, type Boost } from "./weights";
import { readUrlsOf } from "@/lib/reading";

/** Who is asking: a signed-in reader (maybe without a background yet) or a guest (null). */
export type PersonalizeReader = { userId: string; background: Background | null } | null;

/**
 * Why an answer is the guest's, and where the reader changes that: a guest signs up; a signed-in reader without a background
 * (an account begun by SSO, social sign-in or a passkey) answers the three questions on the background step.
 */
function promptFor(reader: PersonalizeReader): { signup_prompt: string; prompt: PersonalizePrompt } {
  const lectern = config().BETTER_AUTH_URL;
  if (reader) {
    const url = completeProfileUrl(lectern);
    return { signup_prompt: `Answer the three background questions at ${url} to see the book ranked for you.`, prompt: { reason: "background_missing", url } };
  }
  const url = new URL("/sign-up", lectern).toString();
  return { signup_prompt: `Sign up at ${url} and tell us your background to see the book ranked for you.`, prompt: { reason: "signed_out", url } };
}

/**
 * Why the inferred level, and the inferred tracks that decided the boost, were inferred ("inferred
 * hardware: pins, voltage, led"): only beside a boost reason, and only for what weighed in it.
 */
function inferenceReasons(chunk: RankedChunk, boosts: Boost[]): string[] {
  if (!reasonsFor(chunk, boosts).length) return [];
  const deciding = decidingTracks(chunk, boosts);
  return chunk.inferred.reasons.filter(
    (reason) => reason.startsWith(`inferred ${chunk.level}`) || deciding.some((track) => reason.startsWith(`inferred ${track}:`)),
  );
}

/** Sections a list without text may take from the page being read, beyond what it shows: asked for on top, then left out. */
const currentPageAllowance = 50;

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
  // Without text, the page being read is left out: "For you" points elsewhere.
  const leaveOut = !ranking.text && query.current ? query.current : null;
  // More candidates than shown: a page's extra sections move into `also` (variety.ts).
  const candidates = candidatesFor(ranking.limit) + (leaveOut ? currentPageAllowance : 0);
  const found = await searchKept(engine, { ...ranking, limit: candidates }).catch((error: unknown) => {
    countSearchFailure(engine.name, error instanceof ApiError ? error.code : "INTERNAL_ERROR");
    throw error;
  });
  const chunks = leaveOut ? found.filter((chunk) => pageOf(chunk.url) !== leaveOut) : found;
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
    // The same reasons as codes, for a book in another language (one for each, in the same order).
    reason_codes: [
      ...reasonCodesFor(chunk, ranking.boosts),
      ...inferenceReasons(chunk, ranking.boosts).map(inferredReasonCode),
      ...(read.has(chunk.url) ? [readSectionRow.code] : []),
    ],
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
    ...(background ? {} : promptFor(reader)),
  };
}
