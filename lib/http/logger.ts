import pino from "pino";

/**
 * Paths pino blanks before a line is written: credentials, tokens and the reader's
 * background answers never reach a log.
 */
export const redactedPaths = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "session_token",
  "sessionToken",
  "background",
  "authorization",
  "cookie",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.token",
  "*.session_token",
  "*.background",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

const loggerKey = Symbol.for("lectern.logger");
type WithLogger = typeof globalThis & { [loggerKey]?: pino.Logger };

function level(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/** A logger with Lectern's settings writing to `destination` (stdout when omitted). */
export function createLogger(logLevel: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: logLevel,
    base: { service: "lectern" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process logger: JSON lines on stdout, one per event. */
export function logger(): pino.Logger {
  const holder = globalThis as WithLogger;
  holder[loggerKey] ??= createLogger(level());
  return holder[loggerKey];
}
