import { documentedErrors, okResponse, readerSecurity, requestBody, type OpenApiPaths } from "@/lib/http";
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
} from "@/lib/contract";

/** The account routes' OpenAPI entries: sign-up, sign-in, sign-out, profile, refresh and export. */
export function accountApiPaths(): OpenApiPaths {
  return {
    "/api/v1/auth/signup": {
      post: {
        summary: "Create an account with a background and get a session token",
        requestBody: requestBody(signUpBodySchema),
        responses: { "201": okResponse("Signed up", signUpResponseSchema), ...documentedErrors("INVALID_INPUT", "EMAIL_EXISTS", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/signin": {
      post: {
        summary: "Sign in with email and password",
        description: "INVALID_CREDENTIALS answers the same whether or not the email exists.",
        requestBody: requestBody(signInBodySchema),
        responses: { "200": okResponse("Signed in", signInResponseSchema), ...documentedErrors("INVALID_INPUT", "INVALID_CREDENTIALS", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/signout": {
      post: {
        summary: "End the session; the token is dead afterwards",
        security: readerSecurity,
        responses: { "200": okResponse("Signed out", signOutResponseSchema), ...documentedErrors("UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/profile": {
      get: {
        summary: "The reader's profile and background",
        security: readerSecurity,
        responses: { "200": okResponse("Profile", profileResponseSchema), ...documentedErrors("UNAUTHORIZED", "RATE_LIMITED") },
      },
      put: {
        summary: "Change any subset of the background",
        security: readerSecurity,
        requestBody: requestBody(profileUpdateBodySchema),
        responses: {
          "200": okResponse("Updated", profileUpdateResponseSchema),
          ...documentedErrors("INVALID_INPUT", "UNAUTHORIZED", "RATE_LIMITED"),
        },
      },
    },
    "/api/v1/auth/refresh": {
      post: {
        summary: "Exchange the session token for a new one; the old one stops working",
        description: "Bearer only: a cookie session is answered 401 (it is never turned into a token a script could read).",
        security: [{ bearerAuth: [] }],
        responses: { "200": okResponse("New token", refreshResponseSchema), ...documentedErrors("UNAUTHORIZED", "RATE_LIMITED") },
      },
    },
    "/api/v1/auth/export": {
      get: {
        summary: "Download everything Lectern keeps about the reader, as one JSON document",
        description:
          "The account, the background (decrypted), live sessions (never their tokens), audit and personalization " +
          "events, reading progress and section feedback; nothing of another reader. `Cache-Control: no-store`; " +
          "sent as an attachment so a link on /account downloads it. At most 10 a session per hour. With a cookie session " +
          "it must come from Lectern or the book (403 for a cross-site link or a foreign Origin); HEAD exports nothing.",
        security: readerSecurity,
        responses: { "200": okResponse("The reader's data", accountExportSchema), ...documentedErrors("UNAUTHORIZED", "FORBIDDEN", "RATE_LIMITED") },
      },
    },
  };
}
