import { ApiError } from "./errors";

/**
 * Errors that mean "a dependency is down", not "Lectern has a bug": the database (or Redis,
 * the shared store) refusing or dropping connections. Libraries wrap them (Drizzle's query
 * error, Better Auth's APIError), so the cause chain is searched.
 */
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // Postgres: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

export function isDependencyUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    // Postgres connection-exception class 08 (connection failure, lost connection, …).
    if (typeof code === "string" && (unavailableCodes.has(code) || /^08/.test(code))) return true;
    if (current instanceof AggregateError && current.errors.some(isDependencyUnavailable)) return true;
    // ioredis (REDIS_URL): a command that gave up on a lost connection.
    if (current instanceof Error && (current.name === "MaxRetriesPerRequestError" || current.message === "Connection is closed.")) return true;
    current = cause;
  }
  return false;
}

/** Seconds a client should wait before retrying a 503. */
export const unavailableRetryAfterSeconds = 5;

export function serviceUnavailable(): ApiError {
  return new ApiError("SERVICE_UNAVAILABLE", "Lectern cannot reach its database or shared store right now. Please try again shortly.", undefined, 503, {
    "Retry-After": String(unavailableRetryAfterSeconds),
  });
}
