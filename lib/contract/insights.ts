import { z } from "zod";
import { backgroundDepthLevels, softwareExperienceLevels } from "./background";
import { feedbackReasons } from "./reading";

/**
 * GET /api/v1/insights (DESIGN "Authors' insights"): aggregates only, from the latest release
 * (ADR-0029): every count carries noise and is null when under five after it; counts by
 * background are keyed "<track>:<target level>".
 */
const count = z.number().int().min(5).nullable().describe("with noise; null when under 5 after the noise");
const share = z.number().min(0).max(1).nullable().describe("0..1, two decimals, of noisy counts; null when its noisy base is under 5");
const cohortKey = z.string().regex(/^(software|programming|hardware):(beginner|intermediate|advanced)$/);
const byBackground = z.record(cohortKey, count).describe('Readers per "<track>:<target level>"; a reader counts once per track');

const figures = {
  readers: z.strictObject({
    total: count,
    by_answer: z.strictObject({
      software_experience: z.record(z.enum(softwareExperienceLevels), count),
      programming_background: z.record(z.enum(backgroundDepthLevels), count),
      hardware_knowledge: z.record(z.enum(backgroundDepthLevels), count),
    }),
  }),
  searches: z.strictObject({
    total: count.describe("Searches by signed-in readers"),
    weak: z
      .array(
        z.strictObject({
          query: z.string(),
          searches: count,
          readers: count,
          avg_results: z.number().min(0),
          by_background: byBackground,
        }),
      )
      .describe(
        "Queries with fewer than 3 results on average, most searched first; a query appears once its noisy count of readers clears the release's threshold",
      ),
  }),
  feedback: z
    .array(
      z.strictObject({
        url: z.string(),
        title: z.string(),
        helpful: count,
        not_helpful: count,
        reasons: z.strictObject(
          Object.fromEntries(feedbackReasons.map((reason) => [reason, byBackground])) as Record<(typeof feedbackReasons)[number], typeof byBackground>,
        ),
      }),
    )
    .describe("Sections with at least 5 answers after the noise, most 'not helpful' first"),
  chapters: z.array(z.strictObject({ chapter: z.string(), readers_started: count, readers_finished: count })),
  success: z.strictObject({
    signup_seconds_median: z.number().min(0).nullable().describe("SC-001: median seconds from serving /sign-up to the account existing"),
    first_signin_success_rate: share.describe("SC-002: share of readers whose first sign-in attempt succeeded"),
    background_completion_rate: share.describe("SC-005: share of accounts with all three answers"),
  }),
};

/** What one release holds (stored as it is shown). */
export const insightsFiguresSchema = z.strictObject(figures);
export type InsightsFigures = z.infer<typeof insightsFiguresSchema>;

/**
 * Readers' answers to "Anything else the authors should know?" (ADR-0038): read when the release is
 * read, not stored in it; scrubbed of emails, links and phone numbers; never the reader's id or email.
 */
export const insightsCommentsSchema = z
  .strictObject({
    minimum_age_hours: z.number().int().positive().describe("A comment is shown only once it is this many hours older than the release"),
    level_true_chance: z.number().min(0).max(1).describe("The chance that a comment's level is its reader's (randomized response at the release's ε)"),
    sections: z
      .array(
        z.strictObject({
          url: z.string(),
          title: z.string().describe("The section as the book titles it"),
          chapter: z.string().describe("The chapter as the book's sidebar names it"),
          comments: z
            .array(
              z.strictObject({
                text: z.string(),
                written_on: z.iso.date().describe("The day (UTC) it was written; within a day the order is random"),
                level: cohortKey
                  .nullable()
                  .describe("'<track>:<level>' for the section's track, randomized (see level_true_chance); null when the reader gave no background"),
              }),
            )
            .describe("Newest first"),
        }),
      )
      .describe("Sections with comments, the one with the newest comment first"),
  })
  .describe("Readers' comments: gone from every later read once the reader deletes the account or replaces the answer");
export type InsightsComments = z.infer<typeof insightsCommentsSchema>;

export const insightsResponseSchema = z.strictObject({
  ...figures,
  comments: insightsCommentsSchema,
  released_at: z.iso.datetime().describe("When these figures were computed"),
  next_release_at: z.iso.datetime().describe("When the next release is due (computed on the first read after it)"),
  epsilon: z.number().positive().describe("ε of each group of figures in one release (differential privacy; ADR-0029)"),
});
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;
