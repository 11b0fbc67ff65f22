import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";

/** The account fields that decide authorship (Better Auth's user). */
export type Account = { email: string; emailVerified: boolean };

/** An author: email in AUTHOR_EMAILS, and verified when REQUIRE_EMAIL_VERIFICATION is on. */
export function isAuthor(account: Account): boolean {
  const settings = config();
  if (!settings.AUTHOR_EMAILS.includes(account.email.toLowerCase())) return false;
  return !settings.REQUIRE_EMAIL_VERIFICATION || account.emailVerified;
}

/** 401 for a guest, 403 FORBIDDEN for a reader who is not an author. */
export function requireAuthor(account: Account | null): void {
  if (!account) throw new ApiError("UNAUTHORIZED", "Sign in first: no valid session.");
  if (!isAuthor(account)) throw new ApiError("FORBIDDEN", "Insights are for the book's authors.");
}
