import { config } from "@/lib/config";
import { errorEnvelopeSchema, jsonSchemaOf } from "@/lib/http";
import { accountApiPaths } from "./accounts";
import { insightsApiPaths } from "./insights";
import { personalizationApiPaths } from "./personalization";
import { readingApiPaths } from "./reading";

/**
 * The document served at /api/openapi.json and rendered at /api-docs. Every route's entry lives in
 * this folder, one file per concern's routes (Better Auth's own endpoints are not documented here).
 */
export function apiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Lectern API",
      version: "1.0.0",
      description:
        "Accounts and personalization for the book. Better Auth's own endpoints live under /api/auth " +
        "(see Better Auth's documentation); this document covers the book's contract and personalization.",
    },
    servers: [{ url: config().BETTER_AUTH_URL }],
    paths: { ...accountApiPaths(), ...readingApiPaths(), ...personalizationApiPaths(), ...insightsApiPaths() },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "session_token from signup or signin" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "lectern.session_token" },
      },
      schemas: { Error: jsonSchemaOf(errorEnvelopeSchema) },
    },
  };
}
