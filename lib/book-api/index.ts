import { config } from "@/lib/config";
import { personalizationApiPaths } from "@/lib/personalization";
import { openApiDocument } from "./openapi";

export * from "./schemas";
export { openApiDocument, type OpenApiPaths } from "./openapi";

/** The document served at /api/openapi.json and rendered at /api-docs. */
export function apiDocument() {
  return openApiDocument(config().BETTER_AUTH_URL, personalizationApiPaths());
}
