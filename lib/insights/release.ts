import type { InsightsFigures } from "@/lib/contract";
import { contentTracks } from "@/lib/content";
import { byTrack } from "./cohorts";
import type { Counts, MeasuredFigures } from "./measure";
import { resultsPerSearchClip, searchesPerReader, searchesPerReaderAndQuery, signupBinSeconds, signupBins, weakResultsBelow } from "./measure";
import { cryptoUniform, noisy, selectionThreshold, type Uniform } from "./noise";
import { minimumCount, shown, shownRate, suppressRow } from "./privacy";

/**
 * One release (ADR-0029): the measured figures with noise, then the hiding rules. Each group of
 * figures is ε-differentially private for one reader: noise of scale Δ/ε on every figure of a
 * group one reader moves by at most Δ in total. The groups and their Δ:
 *   readers: the total (1) and one answer per question (3): Δ 4
 *   success: one sign-up duration bin (1), a first sign-in counted and succeeded (2), all three answers (1): Δ 4
 *   the search total: Δ searchesPerReader (20)
 *   each query: readers (Δ 1) with ε/2; searches (3), the reader's average results clipped to 6 (6) and one level per track (3):
 *     Δ 12 with ε/2; a query is weak when its noisy average (noisy sum over noisy readers) is under 3
 *   each section of the book: helpful or not (Δ 1) with ε/2; one level per track of one reason (Δ 3) with ε/2
 *   each chapter: started and finished: Δ 2
 */
export const sensitivity = {
  readers: 4,
  success: 4,
  searchTotal: searchesPerReader,
  queryReaders: 1,
  queryFigures: searchesPerReaderAndQuery + resultsPerSearchClip + contentTracks.length,
  sectionAnswers: 1,
  sectionReasons: contentTracks.length,
  chapter: 2,
} as const;
/** The chance that a query only one reader asked is listed in a release. */
export const querySelectionDelta = 1e-6;
const weakListLength = 20;
const reasonNames = ["too_hard", "too_easy", "unclear", "outdated", "other"] as const;

export type ReleaseOptions = {
  epsilon: number;
  /** Readers of the chosen queries per "<track>:<level>", read only for the queries a release lists. */
  queryCohorts: (queries: string[]) => Promise<Map<string, Counts>>;
  uniform?: Uniform;
};

/** Counts by "<track>:<level>" with noise, hidden per track (each track's levels split the same readers). */
function noisyByTrack(counts: Counts, scale: number, uniform: Uniform) {
  return byTrack(
    new Map(Object.entries(counts)),
    (group) => suppressRow(Object.fromEntries(Object.entries(group).map(([key, value]) => [key, noisy(value, scale, uniform)]))).cells,
  );
}

/** The median sign-up time from noisy 10-second bins, as the middle of its bin (10 minutes and over: 600). */
function noisyMedianSeconds(bins: number[], scale: number, uniform: Uniform): number | null {
  const counts = bins.map((count) => Math.max(0, noisy(count, scale, uniform)));
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (shown(total) === null) return null;
  let cumulative = 0;
  const bin = counts.findIndex((count) => (cumulative += count) >= total / 2);
  return bin >= signupBins - 1 ? signupBins * signupBinSeconds - signupBinSeconds : (bin + 0.5) * signupBinSeconds;
}

export async function releaseFigures(measured: MeasuredFigures, { epsilon, queryCohorts, uniform = cryptoUniform }: ReleaseOptions): Promise<InsightsFigures> {
  const scale = (delta: number, share = 1) => delta / (epsilon * share);
  const count = (value: number, delta: number, share = 1) => noisy(value, scale(delta, share), uniform);

  const readersTotal = count(measured.readers.total, sensitivity.readers);
  const byAnswer = Object.fromEntries(
    Object.entries(measured.readers.byAnswer).map(([question, answers]) => {
      const cells = Object.fromEntries(Object.entries(answers).map(([answer, value]) => [answer, count(value, sensitivity.readers)]));
      return [question, suppressRow(cells).cells];
    }),
  );

  const queryThreshold = selectionThreshold(scale(sensitivity.queryReaders, 1 / 2), querySelectionDelta, minimumCount);
  const listed = measured.searches.queries
    .map((query) => {
      const readers = count(query.readers, sensitivity.queryReaders, 1 / 2);
      const averageSum = count(query.averageSum, sensitivity.queryFigures, 1 / 2);
      const average = Math.min(resultsPerSearchClip, Math.max(0, averageSum / Math.max(readers, 1)));
      return { query: query.query, readers, average, searches: count(query.searches, sensitivity.queryFigures, 1 / 2) };
    })
    .filter((query) => query.readers >= queryThreshold && query.average < weakResultsBelow)
    .sort((a, b) => b.searches - a.searches || a.query.localeCompare(b.query))
    .slice(0, weakListLength);
  const cohorts = await queryCohorts(listed.map((query) => query.query));

  const feedback = measured.feedback
    .map((section) => {
      // helpful + not_helpful is released nowhere, so each is hidden on its own (no complementary cell to hide).
      const helpful = shown(count(section.helpful, sensitivity.sectionAnswers, 1 / 2));
      const notHelpful = shown(count(section.notHelpful, sensitivity.sectionAnswers, 1 / 2));
      const reasonScale = scale(sensitivity.sectionReasons, 1 / 2);
      const reasons = Object.fromEntries(reasonNames.map((reason) => [reason, noisyByTrack(section.reasons[reason] ?? {}, reasonScale, uniform)]));
      return { url: section.url, title: section.title, helpful, not_helpful: notHelpful, reasons };
    })
    // Listed on noisy counts only: a section of the book is public, so no cut on a true count decides it.
    .filter((section) => section.helpful !== null || section.not_helpful !== null)
    .sort((a, b) => (b.not_helpful ?? 0) - (a.not_helpful ?? 0) || a.url.localeCompare(b.url));

  const success = measured.success;
  const signInReaders = count(success.signInReaders, sensitivity.success);
  return {
    readers: { total: shown(readersTotal), by_answer: byAnswer as InsightsFigures["readers"]["by_answer"] },
    searches: {
      total: shown(count(measured.searches.total, sensitivity.searchTotal)),
      weak: listed.map((query) => ({
        query: query.query,
        searches: shown(query.searches),
        readers: query.readers,
        avg_results: Math.round(query.average * 10) / 10,
        by_background: noisyByTrack(cohorts.get(query.query) ?? {}, scale(sensitivity.queryFigures, 1 / 2), uniform),
      })),
    },
    feedback: feedback as InsightsFigures["feedback"],
    chapters: measured.chapters.map((chapter) => ({
      chapter: chapter.chapter,
      readers_started: shown(count(chapter.started, sensitivity.chapter)),
      readers_finished: shown(count(chapter.finished, sensitivity.chapter)),
    })),
    success: {
      signup_seconds_median: noisyMedianSeconds(success.signupSecondsBins, scale(sensitivity.success), uniform),
      first_signin_success_rate: shownRate(count(success.signInSucceeded, sensitivity.success), signInReaders),
      background_completion_rate: shownRate(count(success.complete, sensitivity.success), readersTotal),
    },
  } as InsightsFigures;
}
