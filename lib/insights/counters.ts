import { eq, sql } from "drizzle-orm";
import { database, type Database } from "@/db";
import { insightsFeedbackCohort, sectionFeedback, insightsSearch, insightsSearchCohort, insightsSearchReader } from "@/db/schema";
import { openTextOrNull, sealedPlace } from "@/lib/sealing";
import type { TargetLevels } from "@/lib/contract";
import { cohortsOf } from "./cohorts";

/**
 * Write-time counters (ADR-0021): the writer that seals a target level moves these counts in
 * the same breath, so authors' aggregates never decrypt anything. Each takes the writer's
 * database or transaction; none stores who the reader is. (Answers are counted by lib/profile,
 * which seals them.)
 */
type Writer = Pick<Database, "insert" | "update">;

/** The text a search is counted under: case, spacing and Unicode forms folded. */
export function normalizeQuery(query: string): string {
  return query.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().slice(0, 500);
}

export type SearchCount = { userId: string; query: string; resultCount: number; targetLevels: TargetLevels | null };

/**
 * Signed-in readers' searches, a batch at a time (lib/personalization holds events back and
 * writes them together): each reader counts once per query, and once per track within it, in
 * four statements whatever the batch's size. Call it inside the writer's transaction.
 */
export async function countSearches(db: Writer, searches: SearchCount[]): Promise<void> {
  const counted = searches.map((search) => ({ ...search, query: normalizeQuery(search.query) })).filter((search) => search.query);
  if (!counted.length) return;
  const pairKey = (query: string, userId: string) => `${query}\u0000${userId}`;
  const perPair = new Map<string, { query: string; userId: string; searches: number; results: number }>();
  const firstOfPair = new Map<string, SearchCount>();
  for (const search of counted) {
    const key = pairKey(search.query, search.userId);
    if (!firstOfPair.has(key)) firstOfPair.set(key, search);
    const pair = perPair.get(key) ?? { query: search.query, userId: search.userId, searches: 0, results: 0 };
    pair.searches += 1;
    pair.results += search.resultCount;
    perPair.set(key, pair);
  }
  // Each reader's own searches and results per query, so a release can bound what one reader moves (ADR-0029).
  const written = await db
    .insert(insightsSearchReader)
    .values([...perPair.values()])
    .onConflictDoUpdate({
      target: [insightsSearchReader.query, insightsSearchReader.userId],
      set: {
        searches: sql`${insightsSearchReader.searches} + excluded.searches`,
        results: sql`${insightsSearchReader.results} + excluded.results`,
      },
    })
    // xmax is 0 on a row this statement inserted: the reader's first time with this query.
    .returning({ query: insightsSearchReader.query, userId: insightsSearchReader.userId, inserted: sql<boolean>`(xmax = 0)` });
  const newReaders = written.filter((row) => row.inserted).map(({ query, userId }) => firstOfPair.get(pairKey(query, userId))!);

  const perQuery = new Map<string, { query: string; searches: number; results: number; readers: number }>();
  for (const search of counted) {
    const row = perQuery.get(search.query) ?? { query: search.query, searches: 0, results: 0, readers: 0 };
    row.searches += 1;
    row.results += search.resultCount;
    perQuery.set(search.query, row);
  }
  for (const reader of newReaders) perQuery.get(reader.query)!.readers += 1;
  await db
    .insert(insightsSearch)
    .values([...perQuery.values()])
    .onConflictDoUpdate({
      target: insightsSearch.query,
      set: {
        searches: sql`${insightsSearch.searches} + excluded.searches`,
        results: sql`${insightsSearch.results} + excluded.results`,
        readers: sql`${insightsSearch.readers} + excluded.readers`,
      },
    });

  const perCohort = new Map<string, { query: string; cohort: string; readers: number }>();
  for (const reader of newReaders) {
    for (const cohort of cohortsOf(reader.targetLevels)) {
      const key = pairKey(reader.query, cohort);
      const row = perCohort.get(key) ?? { query: reader.query, cohort, readers: 0 };
      row.readers += 1;
      perCohort.set(key, row);
    }
  }
  if (!perCohort.size) return;
  await db
    .insert(insightsSearchCohort)
    .values([...perCohort.values()])
    .onConflictDoUpdate({
      target: [insightsSearchCohort.query, insightsSearchCohort.cohort],
      set: { readers: sql`${insightsSearchCohort.readers} + excluded.readers` },
    });
}

/** What one feedback answer contributes: its reason and the reader's target levels then. */
export type FeedbackContribution = { reason: string | null; targetLevels: TargetLevels | null };

/** A reader's answer on `url` given, replaced (previous → next) or removed (next null). */
export async function countFeedbackChange(db: Writer, url: string, previous: FeedbackContribution | null, next: FeedbackContribution | null): Promise<void> {
  const cells = (contribution: FeedbackContribution | null) =>
    contribution?.reason ? cohortsOf(contribution.targetLevels).map((cohort) => `${contribution.reason}|${cohort}`) : [];
  const before = new Set(cells(previous));
  const after = new Set(cells(next));
  const moves = [
    ...[...before].filter((cell) => !after.has(cell)).map((cell) => ({ cell, delta: -1 })),
    ...[...after].filter((cell) => !before.has(cell)).map((cell) => ({ cell, delta: 1 })),
  ];
  for (const { cell, delta } of moves) {
    const [reason, cohort] = cell.split("|") as [string, string];
    await db
      .insert(insightsFeedbackCohort)
      .values({ url, reason, cohort, readers: Math.max(delta, 0) })
      .onConflictDoUpdate({
        target: [insightsFeedbackCohort.url, insightsFeedbackCohort.reason, insightsFeedbackCohort.cohort],
        set: { readers: sql`greatest(${insightsFeedbackCohort.readers} + ${delta}, 0)` },
      });
  }
}

/** An account about to be deleted: its feedback answers leave the counts (the rows cascade away). */
export async function uncountReaderFeedback(userId: string): Promise<void> {
  const db = await database();
  const answers = await db
    .select({ url: sectionFeedback.url, reason: sectionFeedback.reason, sealed: sectionFeedback.targetLevelsSealed })
    .from(sectionFeedback)
    .where(eq(sectionFeedback.userId, userId));
  for (const answer of answers) {
    if (!answer.reason || !answer.sealed) continue;
    // Bound to its row (lib/reading seals it so): the reader and the section. One that does not open stays counted (never blocks deletion).
    const opened = openTextOrNull(answer.sealed, sealedPlace(sectionFeedback.targetLevelsSealed, [userId, answer.url]));
    if (opened === null) continue;
    const targetLevels = JSON.parse(opened) as TargetLevels;
    await countFeedbackChange(db, answer.url, { reason: answer.reason, targetLevels }, null);
  }
}

/**
 * An account about to be deleted: its searches leave every query's counts (its rows in
 * insights_search_reader cascade away, and releases count readers from them), and its levels
 * leave the queries' counts by background: `targetLevels` are the reader's levels now, as the
 * levels each query was first counted under are sealed per event (a reader who changed their
 * background since may leave one count of the old level behind; ADR-0029). A query only this
 * reader asked leaves with them (its text would otherwise outlive the account).
 */
export async function forgetReaderSearches(userId: string, targetLevels: TargetLevels | null): Promise<void> {
  const db = await database();
  const own = sql`(select query from ${insightsSearchReader} where ${insightsSearchReader.userId} = ${userId})`;
  const cohorts = cohortsOf(targetLevels);
  await db.transaction(async (tx) => {
    if (cohorts.length) {
      await tx.execute(sql`update ${insightsSearchCohort} set readers = greatest(${insightsSearchCohort.readers} - 1, 0)
        where ${insightsSearchCohort.query} in ${own} and ${insightsSearchCohort.cohort} in (${sql.join(
          cohorts.map((cohort) => sql`${cohort}`),
          sql`, `,
        )})`);
    }
    await tx.execute(sql`update ${insightsSearch} s set readers = greatest(s.readers - 1, 0),
        searches = greatest(s.searches - r.searches, 0), results = greatest(s.results - r.results, 0)
      from ${insightsSearchReader} r where r.user_id = ${userId} and r.query = s.query`);
    await tx.execute(sql`delete from ${insightsSearchCohort} where ${insightsSearchCohort.query} in
      (select ${insightsSearch.query} from ${insightsSearch} where ${insightsSearch.readers} = 0 and ${insightsSearch.query} in ${own})`);
    await tx.execute(sql`delete from ${insightsSearch} where ${insightsSearch.readers} = 0 and ${insightsSearch.query} in ${own}`);
    await tx.delete(insightsSearchReader).where(eq(insightsSearchReader.userId, userId));
  });
}
