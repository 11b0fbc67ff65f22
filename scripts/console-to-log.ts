import { format } from "node:util";
import { logger } from "@/lib/http";

/**
 * Next writes its own errors with console.error: several lines, a stack, and sometimes the
 * request's headers (a foreign Origin, a forwarded host) as the attacker wrote them. In the
 * server every console line goes through Lectern's logger instead: one JSON line each, errors
 * by the same serializer as Lectern's own (no SQL parameters, no request text as its own line).
 */
export function consoleThroughLogger(): void {
  const write =
    (level: "error" | "warn" | "info") =>
    (...args: unknown[]): void => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = format(...args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg)));
      // Next prefixes its lines with a symbol ("⨯", "⚠") and may colour them.
      const message = text
        .replace(/\u001b\[[0-9;]*m/g, "")
        .replace(/^\s*[⨯⚠○✓▲]\s*/u, "")
        .split("\n")[0]!
        .slice(0, 500);
      logger()[level]({ source: "console", ...(error ? { err: error } : {}) }, message);
    };
  console.error = write("error");
  console.warn = write("warn");
  console.info = write("info");
  console.log = write("info");
}
