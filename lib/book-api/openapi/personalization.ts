import { personalizeQuerySchema, personalizeResponseSchema } from "@/lib/contract";
import { documentedError, jsonSchemaOf, optionalReaderSecurity } from "@/lib/http";

/** The personalization route's OpenAPI entry (merged into the document by `apiDocument`). */
export function personalizationApiPaths() {
  const query = jsonSchemaOf(personalizeQuerySchema, "input") as { properties: Record<string, unknown> };
  // The schema reads `limit` as digits (a query string is text); to clients it is an integer.
  query.properties.limit = { type: "integer", minimum: 1, maximum: 50, default: 10 };
  const descriptions: Record<string, string> = {
    q: "Free text (at most 500 characters). Without it, results are ranked by the reader's background alone.",
    chapter: "Only this chapter (the docs folder name, e.g. `sensing`).",
    limit: "How many results, 1..50 (default 10).",
    current:
      "The page being read (its path, e.g. `/docs/motors/gearboxes`, or its URL). Without `q`, its sections are left out: a reader is not sent to the page they are on.",
  };
  return {
    "/api/v1/personalize": {
      get: {
        summary: "The book's chunks ranked for the reader (unweighted for a guest or a reader without a background, with signup_prompt and prompt)",
        description:
          "Reader from the session cookie or `Authorization: Bearer`; guests allowed. Each result lists in `reasons` the " +
          "boosts from the reader's background that applied, and in `reason_codes` the same as codes with parameters (for a book in another language). Unknown parameters are rejected.",
        security: optionalReaderSecurity,
        parameters: Object.entries(query.properties).map(([name, schema]) => ({
          name,
          in: "query",
          required: false,
          description: descriptions[name],
          schema,
        })),
        responses: {
          "200": { description: "Ranked results", content: { "application/json": { schema: jsonSchemaOf(personalizeResponseSchema, "output") } } },
          "400": documentedError("INVALID_INPUT: a parameter is out of range or unknown (details.field names it)"),
          "503": documentedError("SEARCH_UNAVAILABLE: the content engine cannot answer"),
        },
      },
    },
  };
}
