export { ApiError, errorBody, errorEnvelopeSchema, errorStatus, invalidInputFrom, rateLimitedError } from "./errors";
export type { ErrorCode, ErrorDetails, ErrorEnvelope } from "./errors";
export { applySecurityHeaders, pageContentSecurityPolicy, securityHeaders } from "./headers";
export { applyCors, preflightResponse } from "./cors";
export { createLogger, logger } from "./logger";
export { clientIp, clientIpHeader, readJsonBody, readQuery, userAgent, withBodyLimit } from "./request";
export { apiRoute, errorResponse, json, loggablePath, preflight } from "./route";
export type { RouteContext, RouteHandler } from "./route";
