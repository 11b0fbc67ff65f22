import { documentedErrors, okResponse, readerSecurity, requestBody, type OpenApiPaths } from "@/lib/http";
import {
  feedbackBodySchema,
  feedbackResponseSchema,
  maxProgressSections,
  progressBodySchema,
  progressPutResponseSchema,
  progressResponseSchema,
} from "@/lib/contract";

/** The adaptive book's routes: reading progress and section feedback. */
export function readingApiPaths(): OpenApiPaths {
  return {
    "/api/v1/progress": {
      get: {
        summary: "The reader's reading progress and where to continue",
        description: "Only the signed-in reader's own marks. `continue` follows the book's order at the reader's level.",
        security: readerSecurity,
        responses: { "200": okResponse("Progress", progressResponseSchema), ...documentedErrors("UNAUTHORIZED", "RATE_LIMITED") },
      },
      put: {
        summary: `Mark sections read or unread (at most ${maxProgressSections} a call)`,
        description:
          "Idempotent: per url the latest `at` wins, so replays and out-of-order batches are harmless. An `at` more than " +
          "five minutes ahead of the server's clock counts as now.",
        security: readerSecurity,
        requestBody: requestBody(progressBodySchema),
        responses: { "200": okResponse("Stored", progressPutResponseSchema), ...documentedErrors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/feedback": {
      put: {
        summary: 'Answer "Was this helpful?" for a section; a new answer replaces the reader\'s old one',
        security: readerSecurity,
        requestBody: requestBody(feedbackBodySchema),
        responses: { "200": okResponse("Stored", feedbackResponseSchema), ...documentedErrors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
  };
}
