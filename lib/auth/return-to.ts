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
    if (!value.startsWith("/") && !value.startsWith(lectern)) return null;
    // Judge what the URL became, not what was typed: "/.//evil" normalises to "//evil", which a
    // browser reads as another host. Control characters are dropped by browsers, so refuse them.
    const local = `${url.pathname}${url.search}${url.hash}`;
    if (/^[/\\]{2}/.test(local) || /^\/[/\\]/.test(value) || /[\u0000-\u001f\\]/.test(value)) return null;
    return local;
  }
  return config().BOOK_ORIGINS.includes(url.origin) ? url.toString() : null;
}
