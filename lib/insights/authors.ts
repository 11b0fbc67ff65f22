import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";

/** The account fields that decide authorship (Better Auth's user). */
export type Account = { email: string; emailVerified: boolean };

/**
 * An author: email in AUTHOR_EMAILS and verified, whatever REQUIRE_EMAIL_VERIFICATION says:
 * otherwise whoever signs up first with an author's address reads the insights (ADR-0030, point 5).
 */
export function isAuthor(account: Account): boolean {
  return account.emailVerified && config().AUTHOR_EMAILS.includes(account.email.toLowerCase());
}

/** 401 for a guest, 403 FORBIDDEN for a reader who is not an author. */
export function requireAuthor(account: Account | null): void {
  if (!account) throw new ApiError("UNAUTHORIZED", "Sign in first: no valid session.");
  if (!isAuthor(account)) {
    const unverified = !account.emailVerified && config().AUTHOR_EMAILS.includes(account.email.toLowerCase());
    throw new ApiError("FORBIDDEN", unverified ? "Insights are for the book's authors: confirm your email first." : "Insights are for the book's authors.");
  }
}
