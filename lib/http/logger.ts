import pino from "pino";
import { processSingleton } from "@/lib/singleton";

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

type LoggedError = { type: string; message: string; code?: string; stack?: string; cause?: LoggedError };

/**
 * Errors as a log line may show them. Drizzle's query errors carry the SQL parameters (a
 * reader's search text, a token) in `params` and in the message after "params:", and a
 * stack's first line repeats the message: only the name, the message up to the parameters,
 * the code and the stack frames are kept.
 */
export function loggableError(error: unknown, depth = 0): LoggedError | undefined {
  if (!(error instanceof Error)) return error === undefined ? undefined : { type: typeof error, message: "(not an Error)" };
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  const message = error.message.split(/\nparams:/)[0]!.slice(0, 500);
  const frames = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join("\n");
  return {
    type: error.name,
    message,
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
}

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
    serializers: { err: loggableError },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Synchronous on purpose: an asynchronous destination bought nothing measurable under load
  // (docs/performance.md) and would lose the last lines of a crash.
  return destination ? pino(options, destination) : pino(options);
}

/** The process logger: JSON lines on stdout, one per event. */
export function logger(): pino.Logger {
  return processSingleton("logger", () => createLogger(level()));
}

const accessLoggers = new WeakMap<pino.Logger, pino.Logger>();

/**
 * The access log's logger: the process logger without its redaction pass, which cost about a
 * third of each line on the hot routes (docs/performance.md). Its one line per request has fixed
 * fields that hold no secret (request id, method, `loggablePath`'s path, status, ms).
 */
export function accessLogger(): pino.Logger {
  const parent = logger();
  let access = accessLoggers.get(parent);
  if (!access) accessLoggers.set(parent, (access = parent.child({}, { redact: [] })));
  return access;
}
