import { z } from "zod";
import { errorStatus, type ErrorCode } from "./errors";

/**
 * The pieces every concern's OpenAPI paths are built from, so the document has one way to turn
 * a zod schema into JSON Schema and one shape for errors (`apiDocument` in lib/book-api/openapi
 * puts the paths together).
 */
export type JsonSchema = Record<string, unknown>;
export type OpenApiOperation = {
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};
export type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/** JSON Schema of a zod schema: "input" for what a client sends, "output" for what it receives. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

export const jsonContent = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: jsonSchemaOf(schema, io) },
});

export function okResponse(description: string, schema: z.ZodType) {
  return { description, content: jsonContent(schema) };
}

export const requestBody = (schema: z.ZodType) => ({ required: true, content: jsonContent(schema, "input") });

/** One error response in the envelope (components.schemas.Error). */
export const documentedError = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** Error responses, one per status, listing the codes that status carries here. */
export function documentedErrors(...codes: ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of byStatus) {
    const { description, content } = documentedError(list.join(" or "));
    responses[String(status)] = {
      description,
      ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "seconds" } } } : {}),
      content,
    };
  }
  return responses;
}

/** A signed-in reader: session token as a bearer, or the session cookie. */
export const readerSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
/** Bearer, cookie, or nobody (a guest). */
export const optionalReaderSecurity: Record<string, string[]>[] = [...readerSecurity, {}];
