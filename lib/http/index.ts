export { ApiError, errorBody, errorEnvelopeSchema, errorStatus, invalidInputFrom, rateLimitedError } from "./errors";
export type { ErrorCode, ErrorDetails, ErrorEnvelope } from "./errors";
export { applySecurityHeaders, pageContentSecurityPolicy, privateAnswerHeaders, securityHeaders } from "./headers";
export { applyCors, preflightResponse } from "./cors";
export { refuseCrossSiteCookieRead } from "./csrf";
export { createLogger, logger } from "./logger";
export { clientIp, clientIpHeader, presentedSession, readJsonBody, readQuery, userAgent, withBodyLimit } from "./request";
export type { PresentedSession } from "./request";
export { clientAddress, resolveClientIp } from "./client-address";
export { currentRequest } from "./current-request";
export { apiRoute, errorResponse, json, loggablePath, preflight } from "./route";
export type { RouteContext, RouteHandler } from "./route";
export { refuseHostileJson, refuseHostileUrl } from "./edge";
export { isDependencyUnavailable, serviceUnavailable } from "./unavailable";
export { loggableError } from "./logger";
export {
  documentedError,
  documentedErrors,
  jsonContent,
  jsonSchemaOf,
  okResponse,
  optionalReaderSecurity,
  readerSecurity,
  requestBody,
  type JsonSchema,
  type OpenApiOperation,
  type OpenApiPaths,
} from "./openapi";
