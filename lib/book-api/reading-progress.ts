import type { Reader } from "@/lib/auth";
import { bookSections, targetLevelsFor } from "@/lib/personalization";
import { continueFrom, progressOf } from "@/lib/reading";

/**
 * "Continue where you left off" for a reader, with their marks: GET /api/v1/progress and the
 * /account page. It joins lib/reading (the marks) and lib/personalization (the book's order at
 * the reader's level), which cannot import each other.
 */
export async function readingProgressOf(reader: Pick<Reader, "userId" | "background">) {
  const progress = await progressOf(reader.userId);
  // The book's order is only needed once the reader has read something.
  const next = progress.some((row) => row.state === "read")
    ? continueFrom(progress, await bookSections(), reader.background ? targetLevelsFor(reader.background) : null)
    : null;
  return { progress, continue: next };
}

/**
 * Whether `url` is a page (`/docs/x`) or a section (`/docs/x#anchor`) of the indexed book: feedback
 * names only those, so a reader's answers are bounded by the book (one per page and section) and
 * no other path (`//evil.com/x`, `/../../etc/passwd`) is ever stored and shown to authors.
 */
export async function isSectionOfBook(url: string): Promise<boolean> {
  return (await bookSections()).some((section) => section.url === url || section.url.split("#")[0] === url);
}
