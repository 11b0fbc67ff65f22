import { z } from "zod";
import { backgroundDepthLevels, softwareExperienceLevels } from "./background";
import { feedbackReasons } from "./reading";

/**
 * GET /api/v1/insights (DESIGN "Authors' insights"): aggregates only. Every count is null when
 * fewer than five readers are behind it; counts by background are keyed "<track>:<target level>".
 */
const count = z.number().int().min(5).nullable().describe("null when fewer than 5");
const share = z.number().min(0).max(1).nullable().describe("0..1, two decimals; null when fewer than 5 readers are measured");
const cohortKey = z.string().regex(/^(software|programming|hardware):(beginner|intermediate|advanced)$/);
const byBackground = z.record(cohortKey, count).describe('Readers per "<track>:<target level>"; a reader counts once per track');

export const insightsResponseSchema = z.strictObject({
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
      .describe("Queries with fewer than 3 results on average, most searched first; a query appears once 5 different readers asked it"),
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
    .describe("Sections with at least 5 answers, most 'not helpful' first"),
  chapters: z.array(z.strictObject({ chapter: z.string(), readers_started: count, readers_finished: count })),
  success: z.strictObject({
    signup_seconds_median: z.number().min(0).nullable().describe("SC-001: median seconds from serving /sign-up to the account existing"),
    first_signin_success_rate: share.describe("SC-002: share of readers whose first sign-in attempt succeeded"),
    background_completion_rate: share.describe("SC-005: share of accounts with all three answers"),
  }),
});
export type InsightsResponse = z.infer<typeof insightsResponseSchema>;
