import { z } from "zod";
import { errorEnvelopeSchema, errorStatus, type ErrorCode } from "@/lib/http";
import {
  accountExportSchema,
  profileResponseSchema,
  profileUpdateBodySchema,
  profileUpdateResponseSchema,
  refreshResponseSchema,
  signInBodySchema,
  signInResponseSchema,
  signOutResponseSchema,
  signUpBodySchema,
  signUpResponseSchema,
} from "./schemas";
import {
  feedbackBodySchema,
  feedbackResponseSchema,
  maxProgressSections,
  progressBodySchema,
  progressPutResponseSchema,
  progressResponseSchema,
} from "./reading-schemas";

type JsonSchema = Record<string, unknown>;
type Operation = {
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

function schemaOf(schema: z.ZodType, io: "input" | "output" = "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const jsonContent = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: schemaOf(schema, io) },
});

function ok(description: string, schema: z.ZodType) {
  return { description, content: jsonContent(schema) };
}

/** Error responses, one per status, listing the codes that status carries here. */
function errors(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: Record<string, unknown> = {};
  for (const [status, list] of byStatus) {
    responses[String(status)] = {
      description: list.join(" or "),
      ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "seconds" } } } : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return responses;
}

const bearer: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const body = (schema: z.ZodType) => ({ required: true, content: jsonContent(schema, "input") });

/** Paths other concerns contribute (the personalization route adds its own). */
export type OpenApiPaths = Record<string, Record<string, Operation>>;

export function bookApiPaths(): OpenApiPaths {
  return {
    "/api/v1/auth/signup": {
      post: {
        summary: "Create an account with a background and get a session token",
        requestBody: body(signUpBodySchema),
        responses: { "201": ok("Signed up", signUpResponseSchema), ...errors("INVALID_INPUT", "EMAIL_EXISTS", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/signin": {
      post: {
        summary: "Sign in with email and password",
        description: "INVALID_CREDENTIALS answers the same whether or not the email exists.",
        requestBody: body(signInBodySchema),
        responses: { "200": ok("Signed in", signInResponseSchema), ...errors("INVALID_INPUT", "INVALID_CREDENTIALS", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/signout": {
      post: {
        summary: "End the session; the token is dead afterwards",
        security: bearer,
        responses: { "200": ok("Signed out", signOutResponseSchema), ...errors("UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/profile": {
      get: {
        summary: "The reader's profile and background",
        security: bearer,
        responses: { "200": ok("Profile", profileResponseSchema), ...errors("UNAUTHORIZED", "RATE_LIMITED") },
      },
      put: {
        summary: "Change any subset of the background",
        security: bearer,
        requestBody: body(profileUpdateBodySchema),
        responses: {
          "200": ok("Updated", profileUpdateResponseSchema),
          ...errors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED"),
        },
      },
    },
    "/api/v1/progress": {
      get: {
        summary: "The reader's reading progress and where to continue",
        description: "Only the signed-in reader's own marks. `continue` follows the book's order at the reader's level.",
        security: bearer,
        responses: { "200": ok("Progress", progressResponseSchema), ...errors("UNAUTHORIZED", "RATE_LIMITED") },
      },
      put: {
        summary: `Mark sections read or unread (at most ${maxProgressSections} a call)`,
        description:
          "Idempotent: per url the latest `at` wins, so replays and out-of-order batches are harmless. An `at` more than " +
          "five minutes ahead of the server's clock counts as now.",
        security: bearer,
        requestBody: body(progressBodySchema),
        responses: { "200": ok("Stored", progressPutResponseSchema), ...errors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/feedback": {
      put: {
        summary: "Answer \"Was this helpful?\" for a section; a new answer replaces the reader's old one",
        security: bearer,
        requestBody: body(feedbackBodySchema),
        responses: { "200": ok("Stored", feedbackResponseSchema), ...errors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/refresh": {
      post: {
        summary: "Exchange the session token for a new one; the old one stops working",
        security: bearer,
        responses: { "200": ok("New token", refreshResponseSchema), ...errors("UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/export": {
      get: {
        summary: "Download everything Lectern keeps about the reader, as one JSON document",
        description:
          "The account, the background (decrypted), live sessions (never their tokens), audit and personalization " +
          "events, reading progress and section feedback; nothing of another reader. `Cache-Control: no-store`; " +
          "sent as an attachment so a link on /account downloads it. At most 10 a session per hour.",
        security: bearer,
        responses: { "200": ok("The reader's data", accountExportSchema), ...errors("UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
  };
}

export function openApiDocument(serverUrl: string, extraPaths: OpenApiPaths = {}) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Lectern API",
      version: "1.0.0",
      description:
        "Accounts and personalization for the book. Better Auth's own endpoints live under /api/auth " +
        "(see Better Auth's documentation); this document covers the book's contract and personalization.",
    },
    servers: [{ url: serverUrl }],
    paths: { ...bookApiPaths(), ...extraPaths },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "session_token from signup or signin" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "lectern.session_token" },
      },
      schemas: { Error: schemaOf(errorEnvelopeSchema) },
    },
  };
}
