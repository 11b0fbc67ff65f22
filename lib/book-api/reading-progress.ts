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
