import { config } from "@/lib/config";
import { ApiError } from "./errors";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?lectern\.session_token=/;

/**
 * A browser sends the reader's cookies with a form or fetch from any site, so a request that
 * changes something with a cookie session must come from Lectern or the book (CSRF). A bearer
 * token is never sent by a browser on its own, and a request without Origin or Fetch Metadata
 * does not come from a web page, so both pass.
 */
export function refuseCrossSiteCookieWrite(request: Request): void {
  if (safeMethods.has(request.method)) return;
  if (request.headers.has("authorization")) return;
  if (!sessionCookie.test(request.headers.get("cookie") ?? "")) return;
  const origin = request.headers.get("origin");
  const trusted = [new URL(config().BETTER_AUTH_URL).origin, ...config().BOOK_ORIGINS];
  const foreign = origin !== null ? !trusted.includes(origin) : request.headers.get("sec-fetch-site") === "cross-site";
  if (foreign) {
    throw new ApiError("FORBIDDEN", "This request came from a site Lectern does not trust; sign-in cookies are not accepted from it.", {
      field: "origin",
      reason: "untrusted origin",
    });
  }
}
