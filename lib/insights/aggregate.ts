import { sql, type SQL } from "drizzle-orm";
import { database, flushPendingWrites, type Database } from "@/db";
import type { InsightsResponse } from "@/lib/contract";
import { answerCounts } from "@/lib/profile";
import { backgroundQuestionAnswers } from "./answers";
import { byTrack } from "./cohorts";
import { minimumCount, shown, shownPartition, shownRate } from "./privacy";

/**
 * The authors' aggregates (DESIGN "Authors' insights"), read from plain counts and the
 * write-time counters: no sealed value is opened here (ADR-0021), so the cost does not grow
 * with the number of events decrypted, only with the rows each query scans.
 */
const weakResultsBelow = 3;
const weakListLength = 20;

async function rows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

const toCounts = (list: { key: string; n: number | string }[]) => new Map(list.map((row) => [row.key, Number(row.n)]));

/** Accounts, and those with all three answers (sealed envelopes are only counted, never opened). */
async function accountCounts(db: Database) {
  const [counts] = await rows<{ accounts: number; complete: number }>(
    db,
    sql`select (select count(*) from "user")::int as accounts,
               (select count(*) from reader_profile where background_ciphertext is not null)::int as complete`,
  );
  return { accounts: counts?.accounts ?? 0, complete: counts?.complete ?? 0 };
}

type AccountCounts = Awaited<ReturnType<typeof accountCounts>>;

async function readersPart(db: Database, { accounts }: AccountCounts): Promise<InsightsResponse["readers"]> {
  const answers = await answerCounts(db);
  const count = (question: string, answer: string) => answers.find((row) => row.question === question && row.answer === answer)?.readers ?? 0;
  const byAnswer = Object.fromEntries(
    Object.entries(backgroundQuestionAnswers).map(([question, choices]) => [
      question,
      shownPartition(Object.fromEntries(choices.map((answer) => [answer, count(question, answer)]))),
    ]),
  );
  return { total: shown(accounts), by_answer: byAnswer as InsightsResponse["readers"]["by_answer"] };
}

async function searchesPart(db: Database): Promise<InsightsResponse["searches"]> {
  const [[total], weak] = await Promise.all([
    rows<{ n: number | string }>(db, sql`select coalesce(sum(searches), 0)::bigint as n from insights_search`),
    // The hiding rule is in the WHERE: a query's text leaves the database only with 5 readers.
    rows<{ query: string; searches: number; readers: number; avg_results: number }>(
      db,
      sql`select query, searches, readers, results::float8 / searches as avg_results from insights_search
          where readers >= ${minimumCount} and results < ${weakResultsBelow} * searches
          order by searches desc, query limit ${weakListLength}`,
    ),
  ]);
  const cohorts = weak.length
    ? await rows<{ query: string; key: string; n: number }>(
        db,
        sql`select query, cohort as key, readers as n from insights_search_cohort
            where query in (${sql.join(
              weak.map((row) => sql`${row.query}`),
              sql`, `,
            )})`,
      )
    : [];
  return {
    total: shown(Number(total?.n ?? 0)),
    weak: weak.map((row) => ({
      query: row.query,
      searches: shown(row.searches),
      readers: shown(row.readers),
      avg_results: Math.round(Number(row.avg_results) * 10) / 10,
      by_background: byTrack(toCounts(cohorts.filter((cohort) => cohort.query === row.query)), shownPartition),
    })),
  };
}

async function feedbackPart(db: Database): Promise<InsightsResponse["feedback"]> {
  const sections = await rows<{ url: string; title: string | null; helpful: number; not_helpful: number }>(
    db,
    // The title as the book names a section (lib/reading's sectionTitle): the doc, then the heading.
    sql`select f.url, f.helpful, f.not_helpful,
          (select case when c.section <> '' and c.section <> c.title then c.title || ': ' || c.section else c.title end
             from content_chunk c where c.url = f.url or c.url = split_part(f.url, '#', 1)
             order by (c.url = f.url) desc, c.position limit 1) as title
        from (select url, count(*) filter (where helpful)::int as helpful, count(*) filter (where not helpful)::int as not_helpful
                from section_feedback group by url having count(*) >= ${minimumCount}) f
        order by f.not_helpful desc, f.url`,
  );
  const reasons = sections.length
    ? await rows<{ url: string; reason: string; key: string; n: number }>(
        db,
        sql`select url, reason, cohort as key, readers as n from insights_feedback_cohort
            where url in (${sql.join(
              sections.map((row) => sql`${row.url}`),
              sql`, `,
            )})`,
      )
    : [];
  const reasonNames = ["too_hard", "too_easy", "unclear", "outdated", "other"] as const;
  // Grouped once: 500 sections × 5 reasons filtering 20 000 rows each took a second.
  const byCell = new Map<string, { key: string; n: number }[]>();
  for (const row of reasons) {
    const cell = `${row.url}\n${row.reason}`;
    byCell.set(cell, [...(byCell.get(cell) ?? []), row]);
  }
  return sections.map((section) => ({
    url: section.url,
    title: section.title ?? section.url,
    helpful: shown(section.helpful),
    not_helpful: shown(section.not_helpful),
    reasons: Object.fromEntries(
      reasonNames.map((reason) => [reason, byTrack(toCounts(byCell.get(`${section.url}\n${reason}`) ?? []), shownPartition)]),
    ) as InsightsResponse["feedback"][number]["reasons"],
  }));
}

async function chaptersPart(db: Database): Promise<InsightsResponse["chapters"]> {
  const chapters = await rows<{ chapter: string; started: number; finished: number }>(
    db,
    // One row per reader and chapter, kept by the reading_progress trigger (migration 0006); a
    // chapter is finished when all of its sections (the book's section urls) are marked read.
    sql`select z.chapter, count(r.user_id)::int as started, (count(r.user_id) filter (where r.sections_read >= z.sections))::int as finished
        from (select chapter, count(distinct url) as sections, min(doc_id) as first_doc from content_chunk group by chapter) z
        left join insights_chapter_reader r on r.chapter = z.chapter
        group by z.chapter, z.first_doc order by z.first_doc, z.chapter`,
  );
  return chapters.map((row) => ({ chapter: row.chapter, readers_started: shown(row.started), readers_finished: shown(row.finished) }));
}

async function successPart(db: Database, { accounts, complete }: AccountCounts): Promise<InsightsResponse["success"]> {
  const [[signup], [signIn]] = await Promise.all([
    rows<{ n: number; median: number | null }>(
      db,
      sql`select count(*)::int as n, percentile_cont(0.5) within group (order by seconds) as median from insights_signup_time`,
    ),
    rows<{ readers: number; succeeded: number }>(
      db,
      // Each reader's first attempt, read from the partial index on sign-in audit rows.
      sql`select count(*)::int as readers, (count(*) filter (where event = 'sign_in'))::int as succeeded
          from (select distinct on (user_id) event from audit_event
                where event in ('sign_in', 'sign_in_failed') and user_id is not null
                order by user_id, occurred_at) first_attempts`,
    ),
  ]);
  return {
    signup_seconds_median: signup && signup.n >= minimumCount && signup.median !== null ? Math.round(Number(signup.median) * 10) / 10 : null,
    first_signin_success_rate: shownRate(signIn?.succeeded ?? 0, signIn?.readers ?? 0),
    background_completion_rate: shownRate(complete, accounts),
  };
}

/** Everything the authors' page and GET /api/v1/insights show, hiding rule applied. */
export async function readInsights(db?: Database): Promise<InsightsResponse> {
  // Searches this process still holds back count too (lib/personalization batches them).
  await flushPendingWrites();
  const handle = db ?? (await database());
  const counts = accountCounts(handle);
  const [readers, searches, feedback, chapters, success] = await Promise.all([
    counts.then((accounts) => readersPart(handle, accounts)),
    searchesPart(handle),
    feedbackPart(handle),
    chaptersPart(handle),
    counts.then((accounts) => successPart(handle, accounts)),
  ]);
  return { readers, searches, feedback, chapters, success };
}
