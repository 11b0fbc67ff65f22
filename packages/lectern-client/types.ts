/**
 * Lectern's wire shapes as the book sees them (DESIGN.md). Plain types on purpose: this folder
 * has no dependencies, so a Docusaurus site can copy it as it is. lib/contract/client-types.test.ts
 * holds each one (the enums included) equal to the contract's zod schemas, so they cannot drift.
 */
export type SoftwareExperience = "beginner" | "intermediate" | "expert";
export type BackgroundDepth = "none" | "basic" | "intermediate" | "advanced";

export type Background = {
  software_experience: SoftwareExperience;
  programming_background: BackgroundDepth;
  hardware_knowledge: BackgroundDepth;
};

export type Reader = { id: string; email: string; name: string | null };
export type LecternSession = { reader: Reader; expiresAt: string | null };

export type Level = "beginner" | "intermediate" | "advanced";
export type Track = "software" | "programming" | "hardware";

/**
 * A reason as a code: the weight table's row (`params`: track, question, answer: the background field and answer;
 * `matches_weaker`, a match far below the reader's strongest answer, adds strongest_track, strongest_question, strongest_answer),
 * an inferred level (level, guess: "yes" | "no", signals) or track (track, signals), or a section already read.
 */
export type ReasonCode = {
  code: "introductory" | "step_below" | "matches" | "matches_weaker" | "step_beyond" | "advanced" | "inferred_level" | "inferred_track" | "read";
  params: Record<string, string>;
};

export type PersonalizedResult = {
  id: string;
  title: string;
  /** The Docusaurus route, with `#anchor` when the chunk starts at a heading. */
  url: string;
  chapter: string;
  section: string;
  level: Level;
  tracks: Track[];
  snippet: string;
  score: number;
  /** Plain-words reasons for each boost that applied (`matches your "None" hardware knowledge`). */
  reasons: string[];
  /** `reasons` as codes with parameters, one for each, in the same order, for a book in another language (show `reasons` for a code you do not know). */
  reason_codes: ReasonCode[];
  /** True where the author wrote no level or tracks and Lectern inferred them (`reasons` says why). */
  inferred: { level: boolean; tracks: boolean };
  /** The page's other matching sections ("more on this page"): a list shows at most two sections of a page. */
  also?: { section: string; url: string }[];
  /** Signed-in readers only: the reader has marked this section read (it ranks lower). */
  read?: boolean;
};

export type Personalized = {
  personalized: boolean;
  engine: "qdrant" | "postgres";
  profile: { background: Background } | null;
  results: PersonalizedResult[];
  /** Present when the ranking is not personalized: why signing up (or answering the questions) helps, as a sentence. */
  signup_prompt?: string;
  /** Present when the ranking is not personalized, saying why and where to fix it. */
  prompt?: PersonalizePrompt;
};

/**
 * Why a ranking is the guest's: `signed_out` (url: Lectern's sign-up page), or `background_missing` (a signed-in reader, e.g.
 * after school sign-in or a passkey, who has not answered the background questions; url: Lectern's background step, /welcome).
 */
export type PersonalizePrompt = { reason: "signed_out" | "background_missing"; url: string };

/** `current`: the page being read (path or URL); a list without `q` leaves it out. */
export type PersonalizeQuery = { q?: string; chapter?: string; limit?: number; current?: string; signal?: AbortSignal };

export type Profile = {
  user_id: string;
  email: string;
  /** Null until the reader answers the three background questions. */
  background: Background | null;
  created_at: string;
  updated_at: string;
  /** The older name of `profile_complete`. */
  profile_completed: boolean;
  profile_complete: boolean;
  /** Present only while `profile_complete` is false: Lectern's background step (/welcome). */
  complete_profile_url?: string;
};

/**
 * The level a reader should be reading at on each track, from their background: the same mapping
 * as Lectern's weight table (DESIGN "Personalization"), written out here so the folder stays copyable.
 */
export function targetLevelsOf(background: Background): Record<Track, Level> {
  const forDepth = (depth: BackgroundDepth): Level => (depth === "none" || depth === "basic" ? "beginner" : depth);
  return {
    software: background.software_experience === "expert" ? "advanced" : background.software_experience,
    programming: forDepth(background.programming_background),
    hardware: forDepth(background.hardware_knowledge),
  };
}

export type SignedIn = {
  user_id: string;
  email: string;
  background: Background | null;
  /** False until the reader answers the background questions; then send them to `complete_profile_url`. */
  profile_complete: boolean;
  complete_profile_url?: string;
};

export type ReadingState = "read" | "unread";
/** One mark the book sends: `at` is when the reader's browser saw the change (ISO 8601); the latest wins. */
export type ProgressMark = { url: string; state: ReadingState; at: string };
export type ProgressSection = { url: string; state: ReadingState; updated_at: string };
export type Progress = {
  sections: ProgressSection[];
  /** The next unread section at the reader's level after the one read last; null before any reading. */
  continue: { url: string; title: string } | null;
};

export type FeedbackReason = "too_hard" | "too_easy" | "unclear" | "outdated" | "other";
export type FeedbackAnswer = { url: string; helpful: boolean; reason?: FeedbackReason; comment?: string };
export type StoredFeedback = { url: string; helpful: boolean; reason: FeedbackReason | null; comment: string | null; updated_at: string };
