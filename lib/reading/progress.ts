import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { database, keptRows } from "@/db";
import { readingProgress } from "@/db/schema";
import { ApiError } from "@/lib/http";
import { rowStamps } from "@/lib/rate-limit";

export type ReadingState = "read" | "unread";
export type ProgressEntry = { url: string; state: ReadingState; at: Date };
export type ProgressRow = { url: string; state: ReadingState; updatedAt: Date };

/** Enough for every section of a large book; stops one account from filling the table. */
export const maxSectionsPerReader = 5000;
/** A clock a little ahead is normal; an `at` further ahead would pin a state, so it counts as now. */
const clockSkewMs = 5 * 60_000;

/**
 * Stores a batch of marks, idempotently: per url only the latest `at` counts, within the batch
 * and against what is stored (an equal `at` keeps the stored state, so a replay changes nothing).
 * Answers the stored state of every url sent.
 */
export async function saveProgress(userId: string, entries: ProgressEntry[], now = new Date()): Promise<ProgressRow[]> {
  const latest = new Map<string, ProgressEntry>();
  for (const entry of entries) {
    const at = entry.at.getTime() > now.getTime() + clockSkewMs ? now : entry.at;
    const seen = latest.get(entry.url);
    if (!seen || at > seen.at) latest.set(entry.url, { ...entry, at });
  }
  const urls = [...latest.keys()];
  const db = await database();
  const saved = await db.transaction(async (tx) => {
    const [stored] = await tx
      .select({ total: count(), known: sql<number>`count(*) filter (where ${inArray(readingProgress.url, urls)})`.mapWith(Number) })
      .from(readingProgress)
      .where(eq(readingProgress.userId, userId));
    if ((stored?.total ?? 0) - (stored?.known ?? 0) + urls.length > maxSectionsPerReader) {
      throw new ApiError("INVALID_INPUT", `A reader keeps progress for at most ${maxSectionsPerReader} sections.`, {
        field: "sections",
        reason: "too many sections",
      });
    }
    // Not visible from here: migration 0006's trigger `reading_progress_insights` also updates
    // `insights_chapter_reader` (sections read per chapter and reader) on every insert, update and delete of these rows.
    await tx
      .insert(readingProgress)
      .values([...latest.values()].map((entry) => ({ userId, url: entry.url, state: entry.state, updatedAt: entry.at })))
      .onConflictDoUpdate({
        target: [readingProgress.userId, readingProgress.url],
        set: { state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${readingProgress.updatedAt} < excluded.updated_at`,
      });
    return tx
      .select({ url: readingProgress.url, state: readingProgress.state, updatedAt: readingProgress.updatedAt })
      .from(readingProgress)
      .where(and(eq(readingProgress.userId, userId), inArray(readingProgress.url, urls)))
      .orderBy(asc(readingProgress.url));
  });
  await (await keptReadUrls()).forget(userId);
  return saved;
}

/** Everything a reader has marked, newest first. */
export async function progressOf(userId: string): Promise<ProgressRow[]> {
  const db = await database();
  return db
    .select({ url: readingProgress.url, state: readingProgress.state, updatedAt: readingProgress.updatedAt })
    .from(readingProgress)
    .where(eq(readingProgress.userId, userId))
    .orderBy(sql`${readingProgress.updatedAt} desc`, asc(readingProgress.url));
}

/** Kept in memory (db's `keptRows`: embedded, or Postgres with Redis's shared stamps); `saveProgress` forgets a reader's once committed. */
const keptReadUrls = () => keptRows<readonly string[]>("read urls", rowStamps("read-urls"));

/** The urls a reader has marked read: the personalization's read row, asked on every personalization. */
export async function readUrlsOf(userId: string): Promise<string[]> {
  const urls = await (
    await keptReadUrls()
  ).read(userId, async () => {
    const db = await database();
    const rows = await db
      .select({ url: readingProgress.url })
      .from(readingProgress)
      .where(and(eq(readingProgress.userId, userId), eq(readingProgress.state, "read")));
    return rows.map((row) => row.url);
  });
  return [...urls];
}
