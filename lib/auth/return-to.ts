import { z } from "zod";
import { config } from "@/lib/config";

/**
 * Where to send a reader after signing in or up: a path on Lectern, or a URL on one of the
 * BOOK_ORIGINS. Anything else (other sites, `//host`, `javascript:`) is refused, so the pages
 * cannot be used as an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 2048) return null;
  const lectern = new URL(config().BETTER_AUTH_URL).origin;
  let url: URL;
  try {
    url = new URL(value, lectern);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.origin === lectern) {
    // Only a plain path may stay relative; "//evil" or "/\evil" resolve elsewhere in browsers.
    if (!value.startsWith("/") && !value.startsWith(lectern)) return null;
    if (/^\/[/\\]/.test(value)) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  }
  return config().BOOK_ORIGINS.includes(url.origin) ? url.toString() : null;
}

/** The `returnTo` field of the forms: optional, and dropped (not an error) when not allowed. */
export const returnToSchema = z
  .string()
  .max(2048)
  .optional()
  .transform((value) => safeReturnTo(value) ?? undefined);
