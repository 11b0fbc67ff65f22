import { z } from "zod";
import { backgroundSchema } from "./background";

/** The content model of DESIGN.md: how advanced a doc is, and which background it needs. */
export const contentLevels = ["beginner", "intermediate", "advanced"] as const;
export const contentTracks = ["software", "programming", "hardware"] as const;
export type ContentLevel = (typeof contentLevels)[number];
export type ContentTrack = (typeof contentTracks)[number];
/** The level a reader should be reading at, per track (DESIGN's weight table derives it from the background). */
export type TargetLevels = Record<ContentTrack, ContentLevel>;

/** `GET /api/v1/personalize` query parameters (unknown parameters are rejected, by name). */
export const personalizeQuerySchema = z.strictObject({
  q: z
    .string()
    .max(500, "at most 500 characters")
    .transform((value) => value.trim())
    .optional(),
  chapter: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, "a chapter id: letters, digits, - and _")
    .optional(),
  // Digits only: Number() would also take "1e1", "0x10" and " 5 ".
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "a whole number from 1 to 50")
    .transform(Number)
    .pipe(z.number().min(1, "at least 1").max(50, "at most 50"))
    .default(10),
  // The page being read, as a path or an absolute URL: a list without text leaves it out.
  current: z
    .string()
    .max(2048, "at most 2048 characters")
    .refine((value) => /^\/(?!\/)/.test(value) || /^https?:\/\/[^\s]+$/i.test(value), "a page path starting with / or an http(s) URL")
    .transform((value) => {
      const { pathname } = new URL(value, "http://book.invalid");
      return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    })
    .optional(),
});
export type PersonalizeQuery = z.infer<typeof personalizeQuerySchema>;

/**
 * A reason's code, for a book that says it in its own language (issue 26, point 12): the weight table's
 * row (introductory, step_below, matches, step_beyond, advanced: params track, question, answer; matches_weaker,
 * a match far below the reader's strongest answer: those and strongest_track, strongest_question, strongest_answer),
 * an inferred level (level, guess: yes | no, signals) or track (track, signals), or a section already read.
 */
export const personalizeReasonCodes = [
  "introductory",
  "step_below",
  "matches",
  "matches_weaker",
  "step_beyond",
  "advanced",
  "inferred_level",
  "inferred_track",
  "read",
] as const;
export type PersonalizeReasonCode = (typeof personalizeReasonCodes)[number];
export const personalizeReasonCodeSchema = z.object({ code: z.enum(personalizeReasonCodes), params: z.record(z.string(), z.string()) });

/** The answer of `GET /api/v1/personalize` (DESIGN.md), shared by the code, the tests and the OpenAPI document. */
const personalizedResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().describe("The Docusaurus route, with #anchor when the chunk starts at a heading"),
  chapter: z.string(),
  section: z.string(),
  level: z.enum(contentLevels),
  tracks: z.array(z.enum(contentTracks)),
  snippet: z.string(),
  score: z.number(),
  reasons: z
    .array(z.string())
    .describe(
      'Plain-words reasons, in the reader\'s own answers, for the boost that decided the rank (`matches your "None" hardware knowledge`), then, when the level or tracks it used were inferred, why ("inferred hardware: motor, torque, joints"). A level that is only a guess gets no "matches your" reason.',
    ),
  reason_codes: z
    .array(personalizeReasonCodeSchema)
    .describe(
      "`reasons` as codes with parameters, one for each, in the same order, for a book to say in its own language: introductory, step_below, " +
        "matches, step_beyond, advanced ({track, question, answer}: the background field and answer), matches_weaker (a match far below the " +
        "reader's strongest answer: those and {strongest_track, strongest_question, strongest_answer}), inferred_level ({level, guess: yes | no, " +
        "signals}), inferred_track ({track, signals}), read ({}). New codes may be added: show the English reason for a code you do not know.",
    ),
  read: z.boolean().optional().describe("Signed-in readers only: the reader has marked this section read (it ranks lower)"),
  inferred: z
    .object({ level: z.boolean(), tracks: z.boolean() })
    .describe("True where the author wrote no level or tracks and the indexer inferred them; `reasons` then says why"),
  also: z
    .array(z.object({ section: z.string(), url: z.string() }))
    .optional()
    .describe("The page's other matching sections: a list shows at most two sections of one page, the rest travel here"),
});

/** Why a ranking is the guest's, and where the reader changes that. */
export const personalizePromptReasons = ["signed_out", "background_missing"] as const;
const personalizePromptSchema = z.object({ reason: z.enum(personalizePromptReasons), url: z.url() });
export type PersonalizePrompt = z.infer<typeof personalizePromptSchema>;

export const personalizeResponseSchema = z.object({
  personalized: z.boolean(),
  engine: z.enum(["qdrant", "postgres"]),
  profile: z.object({ background: backgroundSchema }).nullable(),
  results: z.array(personalizedResultSchema),
  signup_prompt: z.string().optional().describe("Present when the ranking is not personalized: how to get it, as a sentence"),
  prompt: personalizePromptSchema
    .optional()
    .describe(
      "Present when the ranking is not personalized, saying why: `signed_out` (url: Lectern's sign-up page) or `background_missing` " +
        "(a signed-in reader who has not answered the background questions yet, e.g. after SSO or a passkey; url: the background step, /welcome)",
    ),
});

export type PersonalizedResult = z.infer<typeof personalizedResultSchema>;
export type PersonalizeResponse = z.infer<typeof personalizeResponseSchema>;
