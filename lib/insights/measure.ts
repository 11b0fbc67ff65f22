import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db";
import { answerCounts } from "./answer-counts";
import { backgroundQuestionAnswers } from "./answers";

/**
 * The true figures behind a release (ADR-0029), read from plain counts and the write-time
 * counters: no sealed value is opened (ADR-0021). Nothing here is shown to authors as it is:
 * lib/insights/release.ts adds noise, then hides. Every row a reader's own words key (a query's
 * text) is measured whatever its count: a cut on the true count would single out the reader
 * who crosses it.
 */
/** A query is weak under 3 results a search on average; each reader's own average counts up to 6 (well clear of it). */
export const weakResultsBelow = 3;
export const resultsPerSearchClip = 2 * weakResultsBelow;
/** A reader's searches of one query counted in a release, and of all queries: what one reader can move. */
export const searchesPerReaderAndQuery = 3;
export const searchesPerReader = 20;
/** SC-001 durations are counted in bins of 10 s up to 10 minutes, then one bin for longer. */
export const signupBinSeconds = 10;
export const signupBins = 61;

export type Counts = Record<string, number>;
/** averageSum: each reader's average results for the query, clipped to resultsPerSearchClip, summed. */
export type MeasuredQuery = { query: string; readers: number; searches: number; averageSum: number };
export type MeasuredSection = { url: string; title: string; helpful: number; notHelpful: number; reasons: Record<string, Counts> };
export type MeasuredFigures = {
  readers: { total: number; byAnswer: Record<keyof typeof backgroundQuestionAnswers, Counts> };
  searches: { total: number; queries: MeasuredQuery[] };
  feedback: MeasuredSection[];
  chapters: { chapter: string; started: number; finished: number }[];
  success: { signupSecondsBins: number[]; signInReaders: number; signInSucceeded: number; complete: number };
};

async function rows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

async function readersPart(db: Database): Promise<MeasuredFigures["readers"]> {
  const [[accounts], answers] = await Promise.all([rows<{ n: number }>(db, sql`select count(*)::int as n from "user"`), answerCounts(db)]);
  const count = (question: string, answer: string) => answers.find((row) => row.question === question && row.answer === answer)?.readers ?? 0;
  const byAnswer = Object.fromEntries(
    Object.entries(backgroundQuestionAnswers).map(([question, choices]) => [
      question,
      Object.fromEntries(choices.map((answer) => [answer, count(question, answer)])),
    ]),
  );
  return { total: Number(accounts?.n ?? 0), byAnswer: byAnswer as MeasuredFigures["readers"]["byAnswer"] };
}

async function searchesPart(db: Database): Promise<MeasuredFigures["searches"]> {
  const [[total], weak] = await Promise.all([
    rows<{ n: number | string }>(
      db,
      sql`select coalesce(sum(least(n, ${searchesPerReader})), 0)::bigint as n
          from (select sum(least(searches, ${searchesPerReaderAndQuery})) as n from insights_search_reader group by user_id) per_reader`,
    ),
    // Every query is measured (whether it is weak is decided on noisy figures too); readers come from the
    // per-reader rows, which go with the account: a deleted reader's searches count no more.
    rows<{ query: string; readers: number; searches: number; average_sum: number }>(
      db,
      sql`select query, count(*)::int as readers, sum(least(searches, ${searchesPerReaderAndQuery}))::int as searches,
                 sum(least(results::float8 / greatest(searches, 1), ${resultsPerSearchClip}))::float8 as average_sum
          from insights_search_reader group by query`,
    ),
  ]);
  return {
    total: Number(total?.n ?? 0),
    queries: weak.map((row) => ({ query: row.query, readers: row.readers, searches: row.searches, averageSum: Number(row.average_sum) })),
  };
}

/** Readers of each listed query per "<track>:<target level>" (read once a release has chosen its queries). */
export async function measureQueryCohorts(db: Database, queries: string[]): Promise<Map<string, Counts>> {
  const cohorts = queries.length
    ? await rows<{ query: string; cohort: string; readers: number }>(
        db,
        sql`select query, cohort, readers from insights_search_cohort where query in (${sql.join(
          queries.map((query) => sql`${query}`),
          sql`, `,
        )})`,
      )
    : [];
  const byQuery = new Map<string, Counts>(queries.map((query) => [query, {}]));
  for (const row of cohorts) byQuery.get(row.query)![row.cohort] = row.readers;
  return byQuery;
}

async function feedbackPart(db: Database): Promise<MeasuredFigures["feedback"]> {
  const [sections, reasons] = await Promise.all([
    rows<{ url: string; title: string | null; helpful: number; not_helpful: number }>(
      db,
      // Every section of the indexed book is a row whatever its answers (its url is the book's, not a reader's),
      // and only those: a url only readers wrote would be listed or not by their count (feedback takes the book's sections);
      // the title as the book names a section (lib/reading's sectionTitle): the doc, then the heading.
      sql`select u.url, coalesce(f.helpful, 0)::int as helpful, coalesce(f.not_helpful, 0)::int as not_helpful,
            (select case when c.section <> '' and c.section <> c.title then c.title || ': ' || c.section else c.title end
               from content_chunk c where c.url = u.url or c.url = split_part(u.url, '#', 1)
               order by (c.url = u.url) desc, c.position limit 1) as title
          from (select distinct url from content_chunk) u
          left join (select url, count(*) filter (where helpful) as helpful, count(*) filter (where not helpful) as not_helpful
                       from section_feedback group by url) f on f.url = u.url`,
    ),
    rows<{ url: string; reason: string; cohort: string; readers: number }>(db, sql`select url, reason, cohort, readers from insights_feedback_cohort`),
  ]);
  const byUrl = new Map<string, Record<string, Counts>>();
  for (const row of reasons) {
    const section = byUrl.get(row.url) ?? {};
    section[row.reason] = { ...section[row.reason], [row.cohort]: row.readers };
    byUrl.set(row.url, section);
  }
  return sections.map((section) => ({
    url: section.url,
    title: section.title ?? section.url,
    helpful: section.helpful,
    notHelpful: section.not_helpful,
    reasons: byUrl.get(section.url) ?? {},
  }));
}

async function chaptersPart(db: Database): Promise<MeasuredFigures["chapters"]> {
  return rows<{ chapter: string; started: number; finished: number }>(
    db,
    // One row per reader and chapter, kept by the reading_progress trigger (migration 0006); a
    // chapter is finished when all of its sections (the book's section urls) are marked read.
    // Chapters in the book's order (its sidebar), named as the sidebar names them (ADR-0028).
    sql`select coalesce(nullif(z.label, ''), z.chapter) as chapter, count(r.user_id)::int as started,
          (count(r.user_id) filter (where r.sections_read >= z.sections))::int as finished
        from (select chapter, count(distinct url) as sections, min(book_order) as first_place, min(doc_id) as first_doc, min(chapter_label) as label
              from content_chunk group by chapter) z
        left join insights_chapter_reader r on r.chapter = z.chapter
        group by z.chapter, z.label, z.first_place, z.first_doc order by z.first_place, z.first_doc, z.chapter`,
  );
}

async function successPart(db: Database): Promise<MeasuredFigures["success"]> {
  const [bins, [signIn], [complete]] = await Promise.all([
    rows<{ bin: number; n: number }>(
      db,
      sql`select least(floor(seconds / ${signupBinSeconds}), ${signupBins - 1})::int as bin, count(*)::int as n from insights_signup_time group by 1`,
    ),
    rows<{ readers: number; succeeded: number }>(
      db,
      // Each reader's first attempt, read from the partial index on sign-in audit rows.
      sql`select count(*)::int as readers, (count(*) filter (where event = 'sign_in'))::int as succeeded
          from (select distinct on (user_id) event from audit_event
                where event in ('sign_in', 'sign_in_failed') and user_id is not null
                order by user_id, occurred_at) first_attempts`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from reader_profile where background_ciphertext is not null`),
  ]);
  const signupSecondsBins = Array.from({ length: signupBins }, () => 0);
  for (const row of bins) signupSecondsBins[row.bin] = row.n;
  return { signupSecondsBins, signInReaders: signIn?.readers ?? 0, signInSucceeded: signIn?.succeeded ?? 0, complete: complete?.n ?? 0 };
}

/** Every true figure a release is computed from. */
export async function measureInsights(db: Database): Promise<MeasuredFigures> {
  const [readers, searches, feedback, chapters, success] = await Promise.all([
    readersPart(db),
    searchesPart(db),
    feedbackPart(db),
    chaptersPart(db),
    successPart(db),
  ]);
  return { readers, searches, feedback, chapters, success };
}
