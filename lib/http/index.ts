export { ApiError, errorBody, errorEnvelopeSchema, errorStatus, invalidInputFrom, rateLimitedError } from "./errors";
export type { ErrorCode, ErrorDetails, ErrorEnvelope } from "./errors";
export { applySecurityHeaders, pageContentSecurityPolicy, securityHeaders } from "./headers";
export { allowedOrigin, applyCors, preflightResponse } from "./cors";
export { createLogger, logger, redactedPaths } from "./logger";
export { clientIp, clientIpHeader, maxJsonBodyBytes, readJsonBody, readQuery, userAgent, withBodyLimit } from "./request";
export { apiRoute, errorResponse, json, loggablePath, preflight } from "./route";
export type { RouteContext, RouteHandler } from "./route";
