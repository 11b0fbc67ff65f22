import type { ContentLevel, ContentTrack } from "@/lib/content";
import type { ProgressRow } from "./progress";

export type OrderedSection = { url: string; title: string; section: string; level: ContentLevel; tracks: readonly ContentTrack[] };
export type ReaderLevels = Partial<Record<ContentTrack, ContentLevel>> | null;

/**
 * At the reader's level: the section's level is the reader's target for one of its tracks.
 * Sections for no track, and every section for a reader without a background, count as at level.
 */
export function isAtReaderLevel(section: Pick<OrderedSection, "level" | "tracks">, levels: ReaderLevels): boolean {
  if (!levels || section.tracks.length === 0) return true;
  return section.tracks.some((track) => levels[track] === section.level);
}

/** A section's name as a link shows it: the doc title, then the heading when there is one. */
export function sectionTitle(section: Pick<OrderedSection, "title" | "section">): string {
  return section.section && section.section !== section.title ? `${section.title}: ${section.section}` : section.title;
}

/**
 * "Continue where you left off": starting after the section read last (latest `at`), the next
 * unread section at the reader's level in book order, wrapping to the start once. Null before the
 * reader has read anything, or when every section at their level is read.
 */
export function continueFrom(progress: readonly ProgressRow[], book: readonly OrderedSection[], levels: ReaderLevels): { url: string; title: string } | null {
  const read = new Set(progress.filter((row) => row.state === "read").map((row) => row.url));
  const last = progress
    .filter((row) => row.state === "read")
    .reduce<ProgressRow | null>((latest, row) => (!latest || row.updatedAt > latest.updatedAt ? row : latest), null);
  if (!last) return null;
  const lastIndex = book.findIndex((section) => section.url === last.url);
  for (let step = 1; step <= book.length; step++) {
    const section = book[(lastIndex + step + book.length) % book.length]!;
    if (!read.has(section.url) && isAtReaderLevel(section, levels)) return { url: section.url, title: sectionTitle(section) };
  }
  return null;
}
