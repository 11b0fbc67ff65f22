import { config } from "@/lib/config";
import { personalizationApiPaths } from "@/lib/personalization";
import { insightsApiPaths } from "./insights";
import { openApiDocument } from "./openapi";

export { isSectionOfBook, readingProgressOf } from "./reading-progress";
export { openApiDocument } from "./openapi";
export { insightsApiPaths } from "./insights";

/** The document served at /api/openapi.json and rendered at /api-docs. */
export function apiDocument() {
  return openApiDocument(config().BETTER_AUTH_URL, { ...personalizationApiPaths(), ...insightsApiPaths() });
}
