import { backgroundQuestions, type Background, type PersonalizeReasonCode, type TargetLevels } from "@/lib/contract";
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

export function targetLevelsFor(background: Background): TargetLevels {
  return Object.fromEntries(contentTracks.map((track) => [track, targetLevelFor(track, background)])) as TargetLevels;
}

/** The reader's own answer, in the words the background form shows: `"Expert" software experience`. */
export function answerInWords(track: ContentTrack, background: Background): string {
  const field = fieldForTrack[track];
  const answer = background[field];
  const question = field.replace("_", " ");
  if (!(answer in backgroundQuestions[field].answers)) return question;
  return `"${answer.charAt(0).toUpperCase()}${answer.slice(1)}" ${question}`;
}

/**
 * THE weight table: how a chunk's level compares with the reader's target level for one of
 * its tracks (in steps, chunk minus target) → how much its score changes, and why, in the
 * reader's own words. A chunk's score is multiplied by 1 + confidence × (the weight of its
 * best-matching track): a chunk is as useful as its best track says (ADR-0031), and a level
 * guessed from thin evidence moves it little.
 */
export const weightTable = {
  [-2]: { weight: -0.4, code: "introductory", reason: (answer: string) => `ranked lower: introductory material for your ${answer}` },
  [-1]: { weight: 0.25, code: "step_below", reason: (answer: string) => `a step below your ${answer}, a quick read` },
  [0]: { weight: 0.6, code: "matches", reason: (answer: string) => `matches your ${answer}` },
  [1]: { weight: 0.25, code: "step_beyond", reason: (answer: string) => `one step beyond your ${answer}` },
  [2]: { weight: -0.5, code: "advanced", reason: (answer: string) => `ranked lower: advanced material for your ${answer}` },
} as const;

/**
 * The row for a page that matches an answer far below the reader's strongest one: a beginner page of a
 * track where the reader is a beginner, for a reader whose strongest answer is the top one (an expert in
 * software, advanced in programming or hardware), weighs as a page a step away instead of a match
 * (ADR-0044). The reader can use it, so it is still lifted, but without a query their list opens with
 * the pages at their strongest level; a page two steps beyond a weak answer stays pushed down as before.
 */
export const weakerMatchRow = {
  weight: weightTable[-1].weight,
  code: "matches_weaker",
  /** How far below the strongest answer's level a page must be (in steps) to take this row instead of "matches". */
  steps: 2,
  reason: (answer: string, strongest: string) => `matches your ${answer}, weighed below your ${strongest}`,
} as const;

/**
 * A reason as a book translates it: a code and its parameters beside the English `reasons` (issue 26,
 * point 12). `question` and `answer` are the background field and answer the English names
 * (`"Expert" software experience`); `signals` are the book's own words.
 */
export type ReasonCode = { code: PersonalizeReasonCode; params: Record<string, string> };

/**
 * The table's row for what the reader has already read (reading progress): the score of a
 * section marked read is multiplied by 1 + this weight, whatever its level. Low enough that,
 * without a query, a read section (at most 1.6 × 0.3) ranks below every unread one (at least
 * 0.5): "For you" moves on to what is new, while a read section can still answer a search.
 */
export const readSectionRow = { weight: -0.7, reason: "ranked lower: you have read this section", code: { code: "read", params: {} } } as const satisfies {
  weight: number;
  reason: string;
  code: ReasonCode;
};

/** The read row as a multiplier: 1 + weight when the chunk's url is marked read, else 1. */
export function readFactor(chunk: { url: string }, readUrls: ReadonlySet<string>): number {
  return readUrls.has(chunk.url) ? 1 + readSectionRow.weight : 1;
}

/** One condition the engines apply: chunks of `level` needing `track` get `weight`. */
export type Boost = { track: ContentTrack; level: ContentLevel; weight: number; reason: string; reasonCode: ReasonCode };

const rank = (level: ContentLevel) => contentLevels.indexOf(level);

/**
 * Every (track, level) pair with its weight for this reader (the table has no zero row): the query's
 * boosts. A match far below the reader's strongest answer takes `weakerMatchRow` (ADR-0044); both
 * engines apply whatever these pairs say, so the rule lives here only.
 */
export function boostsFor(background: Background): Boost[] {
  // The reader's strongest answer: the highest target level, the first such track in the tracks' order.
  const strongest = contentTracks.reduce((best, track) => (rank(targetLevelFor(track, background)) > rank(targetLevelFor(best, background)) ? track : best));
  const strongestRank = rank(targetLevelFor(strongest, background));
  return contentTracks.flatMap((track) => {
    const target = targetLevelFor(track, background);
    const question = fieldForTrack[track];
    const params = { track, question, answer: background[question] };
    return contentLevels.flatMap((level): Boost[] => {
      const entry = weightTable[(rank(level) - rank(target)) as keyof typeof weightTable];
      if (entry.code === "matches" && strongestRank - rank(level) >= weakerMatchRow.steps) {
        const strongestQuestion = fieldForTrack[strongest];
        return [
          {
            track,
            level,
            weight: weakerMatchRow.weight,
            reason: weakerMatchRow.reason(answerInWords(track, background), answerInWords(strongest, background)),
            reasonCode: {
              code: weakerMatchRow.code,
              params: { ...params, strongest_track: strongest, strongest_question: strongestQuestion, strongest_answer: background[strongestQuestion] },
            },
          },
        ];
      }
      return [{ track, level, weight: entry.weight, reason: entry.reason(answerInWords(track, background)), reasonCode: { code: entry.code, params } }];
    });
  });
}

/** What the boosts read of a chunk. `confidence` (0..1) is how sure its level is; absent means written by the author. */
export type BoostedChunk = { level: ContentLevel; tracks: readonly ContentTrack[]; confidence?: number };

/** The boosts that apply to a chunk: its level, one of its tracks. */
const applying = (chunk: BoostedChunk, boosts: readonly Boost[]) => boosts.filter((boost) => boost.level === chunk.level && chunk.tracks.includes(boost.track));

/** The weight of the chunk's best-matching track, or null when no boost applies (a guest, or a chunk without tracks). */
export function bestWeight(chunk: BoostedChunk, boosts: readonly Boost[]): number | null {
  const weights = applying(chunk, boosts).map((boost) => boost.weight);
  return weights.length ? Math.max(...weights) : null;
}

/** Below this confidence a level is a guess: it still moves the section a little, but no reason claims it. */
export const reasonConfidence = 0.5;

/**
 * The boost that decided a chunk's factor (its best-matching tracks), as the result's `reasons`.
 * None when the level is only a guess: "matches your Expert software experience" must be true.
 */
export function reasonsFor(chunk: BoostedChunk, boosts: readonly Boost[]): string[] {
  return decidingBoosts(chunk, boosts).map((boost) => boost.reason);
}

/** The same reasons as codes (`reasonsFor`'s order). */
export function reasonCodesFor(chunk: BoostedChunk, boosts: readonly Boost[]): ReasonCode[] {
  return decidingBoosts(chunk, boosts).map((boost) => boost.reasonCode);
}

function decidingBoosts(chunk: BoostedChunk, boosts: readonly Boost[]): Boost[] {
  const best = bestWeight(chunk, boosts);
  if (best === null || (chunk.confidence ?? 1) < reasonConfidence) return [];
  return applying(chunk, boosts)
    .filter((boost) => boost.weight === best)
    .sort((a, b) => chunk.tracks.indexOf(a.track) - chunk.tracks.indexOf(b.track));
}

/**
 * An indexer's reason (lib/content's inference: "inferred advanced (a guess): servo; torque",
 * "inferred hardware: pins; voltage") as a code: the level or track, whether a guess, and the signals.
 */
export function inferredReasonCode(reason: string): ReasonCode {
  const [, what = "", guess, signals = ""] = /^inferred (\S+?)( \(a guess\))?: (.*)$/s.exec(reason) ?? [];
  if ((contentLevels as readonly string[]).includes(what)) return { code: "inferred_level", params: { level: what, guess: guess ? "yes" : "no", signals } };
  return { code: "inferred_track", params: { track: what, signals } };
}

/** The tracks whose boost decided the chunk's factor (for the inferred reasons worth showing). */
export function decidingTracks(chunk: BoostedChunk, boosts: readonly Boost[]): ContentTrack[] {
  const best = bestWeight(chunk, boosts);
  return best === null ? [] : applying(chunk, boosts).flatMap((boost) => (boost.weight === best ? [boost.track] : []));
}

/** The multiplier the engines compute in SQL / Qdrant's formula, and the Postgres engine in process: 1 + confidence × best weight. */
export function boostFactor(chunk: BoostedChunk, boosts: readonly Boost[]): number {
  return boostFactorFor(boosts)(chunk);
}

/** `boostFactor` for the many chunks of one query: each level and set of tracks looked up in the boosts once. */
export function boostFactorFor(boosts: readonly Boost[]): (chunk: BoostedChunk) => number {
  const bestOfKind = new Map<string, number | null>();
  return (chunk) => {
    const kind = `${chunk.level} ${chunk.tracks.join(" ")}`;
    let best = bestOfKind.get(kind);
    if (best === undefined) bestOfKind.set(kind, (best = bestWeight(chunk, boosts)));
    return best === null ? 1 : 1 + (chunk.confidence ?? 1) * best;
  };
}

/**
 * The table compiled for an engine without `max` (Qdrant's formula): one case per level and
 * exact set of tracks, each with its best track's weight. Exactly one case holds for a chunk
 * with tracks, so summing weight × [case holds] × confidence is the best-track rule.
 */
export type BoostCase = { level: ContentLevel; tracks: ContentTrack[]; others: ContentTrack[]; weight: number };

export function boostCases(boosts: readonly Boost[]): BoostCase[] {
  const cases: BoostCase[] = [];
  for (const level of contentLevels) {
    for (let mask = 1; mask < 1 << contentTracks.length; mask++) {
      const tracks = contentTracks.filter((_, bit) => mask & (1 << bit));
      const weight = bestWeight({ level, tracks }, boosts);
      if (weight) cases.push({ level, tracks, others: contentTracks.filter((track) => !tracks.includes(track)), weight });
    }
  }
  return cases;
}
