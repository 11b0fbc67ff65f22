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

export const insightsResponseSchema = z.strictObject({
  ...figures,
  released_at: z.iso.datetime().describe("When these figures were computed"),
  next_release_at: z.iso.datetime().describe("When the next release is due (computed on the first read after it)"),
  epsilon: z.number().positive().describe("ε of each group of figures in one release (differential privacy; ADR-0029)"),
});
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;
