import { closeDatabase, DatabaseInUseError } from "@/db";
import { ConfigError } from "@/lib/config";
import { ApiError } from "@/lib/http";

/** Errors whose message already says what to do; anything else is prefixed with what failed. */
const selfExplaining = [ConfigError, DatabaseInUseError, ApiError];

export type ScriptOptions = {
  /** What failed, before an unexpected error's message ("migration failed"). */
  failure: string;
  /** Starts every error line (`index: `), for commands whose output is read by other tools. */
  prefix?: string;
  /** More error types whose message says it all (a bad doc names its file). */
  explains?: (new (...args: never[]) => Error)[];
};

/** The one line a failed script prints: its own message when it explains itself, else prefixed with what failed. */
export function scriptFailureLine(error: unknown, options: ScriptOptions): string {
  const { failure, prefix = "", explains = [] } = options;
  const known = [...selfExplaining, ...explains].some((type) => error instanceof type);
  const message = error instanceof Error ? error.message : String(error);
  return `${prefix}${known ? message : `${failure}: ${message}`}`;
}

/**
 * Runs a command-line script: one line on failure (never a stack), the database closed
 * either way (PGlite flushes its data directory), and the exit code set.
 */
export function runScript(main: () => Promise<number | void>, options: ScriptOptions): void {
  main()
    .then((code) => code ?? 0)
    .catch((error: unknown) => {
      console.error(scriptFailureLine(error, options));
      return 1;
    })
    .then(async (code) => {
      await closeDatabase().catch(() => {});
      process.exitCode = code;
    });
}
