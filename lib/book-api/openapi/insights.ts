import { insightsResponseSchema } from "@/lib/contract";
import { documentedErrors, jsonSchemaOf, readerSecurity, type OpenApiPaths } from "@/lib/http";

/** The OpenAPI entry of the route (merged into the document by `apiDocument`). */
export function insightsApiPaths(): OpenApiPaths {
  return {
    "/api/v1/insights": {
      get: {
        summary: "Authors' insights: aggregates by background, never one reader",
        description:
          "For the book's authors (AUTHOR_EMAILS, with a verified email). The latest release, computed at most once a period with noise of the stated epsilon (ADR-0029); any count under 5 after the noise is null. `comments`: readers' answers to \"Anything else the authors should know?\", scrubbed, never naming the reader, with a randomized level (ADR-0038).",
        security: readerSecurity,
        responses: {
          "200": { description: "Insights", content: { "application/json": { schema: jsonSchemaOf(insightsResponseSchema) } } },
          ...documentedErrors("UNAUTHORIZED", "FORBIDDEN", "RATE_LIMITED"),
        },
      },
    },
  };
}
