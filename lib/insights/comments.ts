import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { sectionFeedback } from "@/db/schema";
import { contentLevels, contentTracks, type ContentLevel, type ContentTrack } from "@/lib/content";
import type { InsightsComments, TargetLevels } from "@/lib/contract";
import { configuredSealingKeys, openTextOrNull, sealedPlace } from "@/lib/sealing";

/**
 * Readers' answers to "Anything else the authors should know?", for authors (ADR-0038). Unlike
 * the figures they are not stored in a release: each read opens the comments that exist now and
 * were written at least `commentMinimumAgeHours` before the release, so a comment leaves the
 * authors' page as soon as its reader deletes the account or replaces the answer, and no copy of
 * a reader's words outlives them in `insights_release`.
 */
export const commentMinimumAgeHours = 24;
/** The newest comments shown; older ones wait for authors to act on these. */
export const commentsShown = 200;

const hour = 60 * 60 * 1000;

/** What could name or reach the reader, replaced by what it was. */
const scrubs: [RegExp, (match: string) => string][] = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu, () => "[email removed]"],
  [/\b(?:https?:\/\/|www\.)[^\s<>"']*[^\s<>"'.,;:!?)]/giu, () => "[link removed]"],
  // Digits with spaces, dots, dashes or brackets between them, seven digits or more: a phone or account number.
  [/[+(]?\b\d[\d\s().-]{5,}\d\b/gu, (match) => ((match.match(/\d/g)?.length ?? 0) >= 7 ? "[number removed]" : match)],
  [/(?<=^|\s)@[\p{L}\p{N}_]{2,}/gu, () => "[handle removed]"],
];

/** A comment without what could name or reach its reader: emails, links, phone numbers and @handles. */
export function scrubComment(text: string): string {
  return scrubs.reduce((scrubbed, [pattern, replace]) => scrubbed.replace(pattern, replace), text).trim();
}

/** The chance that the level shown beside a comment is its reader's (randomized response over the three levels at ε). */
export function trueLevelChance(epsilon: number): number {
  return Math.exp(epsilon) / (Math.exp(epsilon) + contentLevels.length - 1);
}

/**
 * Two numbers in [0, 1) fixed for one version of one comment (its reader, section and time), keyed
 * with the sealing key: drawn once in effect, so reading many releases does not average them away.
 */
function commentDraws(userId: string, url: string, updatedAt: Date): [number, number, string] {
  const key = configuredSealingKeys()[0]!.key;
  const digest = createHmac("sha256", key).update(`insights-comment\u0000${userId}\u0000${url}\u0000${updatedAt.toISOString()}`).digest();
  return [digest.readUIntBE(0, 6) / 2 ** 48, digest.readUIntBE(6, 6) / 2 ** 48, digest.subarray(12, 20).toString("hex")];
}

/** Randomized response: the reader's level with trueLevelChance(ε), else one of the other levels, evenly. */
export function randomizedLevel(level: ContentLevel, epsilon: number, [keep, other]: [number, number]): ContentLevel {
  if (keep < trueLevelChance(epsilon)) return level;
  const others = contentLevels.filter((candidate) => candidate !== level);
  return others[Math.min(others.length - 1, Math.floor(other * others.length))]!;
}

type CommentRow = {
  user_id: string;
  url: string;
  comment_sealed: string | null;
  comment_plaintext: string | null;
  levels_sealed: string | null;
  updated_at: string | Date;
  title: string;
  chapter: string;
  track: string | null;
};

async function rows<Row>(db: Database, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** The comments an author sees with the release made at `releasedAt` with `epsilon`. */
export async function readComments(db: Database, releasedAt: Date, epsilon: number): Promise<InsightsComments> {
  const cutoff = new Date(releasedAt.getTime() - commentMinimumAgeHours * hour);
  // Only sections of the indexed book; the title and chapter as the book names them (as the feedback figures do).
  const found = await rows<CommentRow>(
    db,
    sql`select f.user_id, f.url, f.comment_sealed, f.comment as comment_plaintext, f.target_levels_sealed as levels_sealed, f.updated_at,
               c.title, c.chapter, c.track
        from section_feedback f
        join lateral (
          select case when c.section <> '' and c.section <> c.title then c.title || ': ' || c.section else c.title end as title,
                 coalesce(nullif(c.chapter_label, ''), c.chapter) as chapter, c.tracks[1] as track
          from content_chunk c where c.url = f.url or c.url = split_part(f.url, '#', 1)
          order by (c.url = f.url) desc, c.position limit 1) c on true
        where (f.comment_sealed is not null or f.comment is not null) and f.updated_at <= ${cutoff.toISOString()}::timestamptz
        order by f.updated_at desc limit ${commentsShown}`,
  );
  const sections = new Map<string, InsightsComments["sections"][number] & { order: string[] }>();
  for (const row of found) {
    const opened = row.comment_sealed
      ? openTextOrNull(row.comment_sealed, sealedPlace(sectionFeedback.commentSealed, [row.user_id, row.url]))
      : row.comment_plaintext;
    const text = opened === null ? "" : scrubComment(opened);
    if (!text) continue;
    const updatedAt = new Date(row.updated_at);
    const [keep, other, order] = commentDraws(row.user_id, row.url, updatedAt);
    const levelsText = row.levels_sealed ? openTextOrNull(row.levels_sealed, sealedPlace(sectionFeedback.targetLevelsSealed, [row.user_id, row.url])) : null;
    const levels = levelsText ? (JSON.parse(levelsText) as TargetLevels) : null;
    const track = (contentTracks as readonly string[]).includes(row.track ?? "") ? (row.track as ContentTrack) : null;
    const level = track && levels && contentLevels.includes(levels[track]) ? randomizedLevel(levels[track], epsilon, [keep, other]) : null;
    const section = sections.get(row.url) ?? { url: row.url, title: row.title, chapter: row.chapter, comments: [], order: [] };
    // The day only, and within a day an order drawn per comment: the time of writing is not shown.
    section.comments.push({ text, written_on: updatedAt.toISOString().slice(0, 10), level: level ? `${track}:${level}` : null });
    section.order.push(order);
    sections.set(row.url, section);
  }
  return {
    minimum_age_hours: commentMinimumAgeHours,
    level_true_chance: Math.round(trueLevelChance(epsilon) * 100) / 100,
    sections: [...sections.values()].map(({ order, comments, ...section }) => ({
      ...section,
      comments: comments
        .map((comment, index) => ({ comment, key: order[index]! }))
        .sort((a, b) => b.comment.written_on.localeCompare(a.comment.written_on) || a.key.localeCompare(b.key))
        .map(({ comment }) => comment),
    })),
  };
}
