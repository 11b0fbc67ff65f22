import { ApiError } from "./errors";

/**
 * Input no reader types, refused before any handler or library sees it: control characters
 * make Postgres refuse a value (a NUL is a 500 deep in a library) and forge log lines, and
 * prototype keys are a known way into JavaScript objects.
 */

/** In free text, tab, newline and carriage return are typed; no other C0/C1 control or DEL is. */
const textControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** In names, paths and query values no control character at all belongs. */
const anyControl = /[\u0000-\u001f\u007f-\u009f]/;
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

function refused(field: string, reason: string): ApiError {
  return new ApiError("INVALID_INPUT", `Invalid ${field}: ${reason}.`, { field, reason });
}

/**
 * Walks a parsed JSON value (iteratively: a 16 KiB body can nest thousands deep) and refuses
 * control characters in strings and keys, and prototype keys, naming the first offending field.
 */
export function refuseHostileJson(value: unknown): void {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: "" }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    const field = path || "body";
    if (typeof current === "string") {
      if (textControl.test(current)) throw refused(field, "control character");
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]` }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const child = path ? `${path}.${key}` : key;
        if (anyControl.test(key)) throw refused(path || "body", "control character in a field name");
        if (prototypeKeys.has(key)) throw refused(child, "reserved field name");
        pending.push({ value: item, path: child });
      }
    }
  }
  // JSON.parse makes "__proto__" an own key, which Object.entries lists; nothing more to do.
}

/** Refuses a URL whose path or query (decoded) holds a control character or bad escapes. */
export function refuseHostileUrl(url: URL): void {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw refused("path", "malformed percent-encoding");
  }
  if (anyControl.test(path)) throw refused("path", "control character");
  for (const [name, value] of url.searchParams) {
    if (anyControl.test(name)) throw refused("query", "control character in a parameter name");
    if (anyControl.test(value)) throw refused(name, "control character");
  }
}

/**
 * Postgres refusing a value (SQLSTATE class 22, data exception: bad encoding, too long, bad
 * format; or a NOT NULL / CHECK constraint) that slipped past a library's own validation:
 * the request's fault, so INVALID_INPUT rather than a 500. Searched through wrapped causes.
 */
export function isValueRefusedByDatabase(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && /^(22[0-9A-Z]{3}|23502|23514)$/.test(code)) return true;
    current = cause;
  }
  return false;
}

export function valueRefused(): ApiError {
  return new ApiError("INVALID_INPUT", "A value in the request cannot be stored (wrong type, empty or malformed).", {
    field: "body",
    reason: "value refused",
  });
}
