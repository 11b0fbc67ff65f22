import { config } from "@/lib/config";
import { ApiError } from "./errors";
import { presentedSession } from "./request";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
/** Better Auth's session cookies for Lectern (cookiePrefix "lectern"); others (the device cookie) stay. */
const sessionCookies = /^(?:__Secure-)?lectern\.(?:session_token|session_data|dont_remember)=/;

/**
 * A request that presents a bearer token is authenticated by that bearer alone: Lectern's session
 * cookies are dropped before any route or Better Auth reads it. Otherwise an invalid bearer
 * (`Bearer x.bad-signature`, which Better Auth's plugin ignores) would fall back to the cookie
 * while the cross-site check, which lets bearers pass, had already been skipped.
 */
export function bearerAlone(request: Request): Request {
  if (presentedSession(request)?.via !== "bearer") return request;
  const cookie = request.headers.get("cookie");
  if (!cookie) return request;
  const kept = cookie
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part && !sessionCookies.test(part))
    .join("; ");
  const headers = new Headers(request.headers);
  if (kept) headers.set("cookie", kept);
  else headers.delete("cookie");
  return new Request(request, { headers, duplex: "half" } as RequestInit);
}

function refuseForeignCookieRequest(request: Request): void {
  if (presentedSession(request)?.via !== "cookie") return;
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

/**
 * A browser sends the reader's cookies with a form or fetch from any site, so a request that
 * changes something with a cookie session must come from Lectern or the book (CSRF). A bearer
 * token is never sent by a browser on its own (and, with `bearerAlone`, it is the only thing
 * that can authenticate such a request), and a request without Origin or Fetch Metadata does
 * not come from a web page, so both pass. Any other Authorization (Basic, Negotiate, an empty
 * Bearer) is no bearer: the cookie is checked.
 */
export function refuseCrossSiteCookieWrite(request: Request): void {
  if (safeMethods.has(request.method)) return;
  refuseForeignCookieRequest(request);
}

/**
 * The same check for a read that spends something (an export's budget and audit row): a link on
 * a foreign page sends the Lax cookie along with a top-level GET.
 */
export function refuseCrossSiteCookieRead(request: Request): void {
  refuseForeignCookieRequest(request);
}

/**
 * Better Auth's bearer plugin answers `set-auth-token` whenever it sets a session cookie: read by
 * a script on the book, it turns an httpOnly cookie session into a bearer token. It goes only
 * to a request that presented a bearer (which, with `bearerAlone`, authenticated it).
 */
export function withholdIssuedToken(request: Request, headers: Headers): void {
  if (presentedSession(request)?.via === "bearer") return;
  headers.delete("set-auth-token");
}
