import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { database } from "@/db";
import { contentChunk } from "@/db/schema";
import type { BookDoc } from "@/lib/content";
import type { ContentEngine } from "./engine";
import { askedRecently, forgetRankedAnswers, keptFor } from "./ranked-cache";
import { keepBestAnswerNearTop } from "./relevance-first";
import { boostFactorFor, readFactor, readSectionRow } from "./weights";
import type { RankedChunk, RankingQuery } from "./query";

/**
 * The weight table as one SQL expression: 1 + confidence × (the weight of the chunk's
 * best-matching track), 1 when no boost applies (`greatest` skips the cases that do not hold).
 */
export function boostFactorSql(query: RankingQuery): SQL {
  if (query.boosts.length === 0) return sql`1.0`;
  const terms = query.boosts.map(
    (boost) =>
      sql`case when ${contentChunk.level} = ${boost.level} and ${contentChunk.tracks} @> array[${boost.track}]::text[] then ${boost.weight}::float8 end`,
  );
  return sql`(1.0 + ${contentChunk.confidence} * coalesce(greatest(${sql.join(terms, sql`, `)}), 0))`;
}

/** The weight table's read row as SQL: 1 + its weight for a section the reader marked read. */
export function readFactorSql(query: RankingQuery): SQL {
  if (query.readUrls.length === 0) return sql`1.0`;
  const urls = sql`array[${sql.join(
    query.readUrls.map((url) => sql`${url}`),
    sql`, `,
  )}]::text[]`;
  return sql`(case when ${contentChunk.url} = any(${urls}) then ${1 + readSectionRow.weight}::float8 else 1.0 end)`;
}

/**
 * Readers type questions ("how do motors work"), so any word may match, as with BM25 in Qdrant;
 * chunks matching more (and rarer-placed) words rank higher. Operators are not supported.
 */
function anyWordQuery(text: string | null): string | null {
  const words =
    text
      ?.toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu)
      ?.slice(0, 32) ?? [];
  return words.length ? words.join(" or ") : null;
}

/**
 * Postgres full-text relevance (title/section weigh more than body), or 1 without text; `hasTerms`
 * holds when the text has words to search for.
 */
function relevanceSql(text: string | null): { relevance: SQL; match: SQL | undefined; hasTerms: SQL } {
  const anyWord = anyWordQuery(text);
  if (!anyWord) return { relevance: sql`1.0`, match: undefined, hasTerms: sql`false` };
  const tsQuery = sql`websearch_to_tsquery('english', ${anyWord})`;
  // A query of stop words only ("the") parses to nothing; it then ranks like an empty query.
  return {
    relevance: sql`case when numnode(${tsQuery}) = 0 then 1.0 else ts_rank(${contentChunk.search}, ${tsQuery}) end`,
    match: sql`(numnode(${tsQuery}) = 0 or ${contentChunk.search} @@ ${tsQuery})`,
    hasTerms: sql`numnode(${tsQuery}) > 0`,
  };
}

/** The columns an answer shows, and the relevance expression the ranking starts from. */
function answerColumns(relevance: SQL) {
  return {
    id: contentChunk.id,
    title: contentChunk.title,
    url: contentChunk.url,
    chapter: contentChunk.chapter,
    section: contentChunk.section,
    level: contentChunk.level,
    tracks: contentChunk.tracks,
    inferred: contentChunk.inferred,
    confidence: contentChunk.confidence,
    body: contentChunk.body,
    // float8: the exact value of ts_rank's real, as the SQL ranking multiplies it.
    relevance: sql<number>`(${relevance})::float8`.mapWith(Number),
  };
}

const inScopeOf = (match: SQL | undefined, chapter: string | null) => and(match, chapter ? eq(contentChunk.chapter, chapter) : undefined);

/**
 * A query matching at most this many chunks is ranked in process from its kept matches (below);
 * one matching more (a listing of a large book, a common word) is ranked by the database.
 */
export const matchesRankedInProcessMax = 400;

/** A chunk matching a text, with what ranking it needs: its relevance and its place in the book. */
type Match = Omit<RankedChunk, "score"> & { relevance: number; hasTerms: boolean; bookOrder: number; position: number; docId: string };

/** Every chunk in scope that matches the text, or null when more than `matchesRankedInProcessMax` do. */
async function matchesOf(text: string | null, chapter: string | null): Promise<Match[] | null> {
  const db = await database();
  const { relevance, match, hasTerms } = relevanceSql(text);
  const rows = await db
    .select({
      ...answerColumns(relevance),
      hasTerms: sql<boolean>`${hasTerms}`.mapWith(Boolean),
      bookOrder: contentChunk.bookOrder,
      position: contentChunk.position,
      docId: contentChunk.docId,
    })
    .from(contentChunk)
    .where(inScopeOf(match, chapter))
    .limit(matchesRankedInProcessMax + 1);
  return rows.length > matchesRankedInProcessMax ? null : (rows as Match[]);
}

/** The guest's tie order: the book's order, then the chunk's place in its doc. */
const inBookOrder = (a: Match, b: Match) => a.bookOrder - b.bookOrder || a.position - b.position || (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0);

/**
 * The same ranking as `rankInSql`, in process: relevance × boosts × read factor (multiplied in
 * the same order, so the same doubles), ties in book order, the guest's #1 kept near the top.
 */
function rankMatches(matches: Match[], query: RankingQuery, textHasWords: boolean): RankedChunk[] {
  const readUrls = new Set(query.readUrls);
  const boostOf = boostFactorFor(query.boosts);
  const scored = matches
    .map((match) => ({ match, score: match.relevance * boostOf(match) * readFactor(match, readUrls) }))
    .sort((a, b) => b.score - a.score || inBookOrder(a.match, b.match));
  const weighted = textHasWords && (query.boosts.length > 0 || query.readUrls.length > 0);
  const best = weighted && matches[0]?.hasTerms ? guestsFirst(matches) : null;
  // Only the window and, when the boosts pushed it out, the best answer: as the SQL fetches them.
  const window = scored.slice(0, query.limit);
  if (best && !window.some(({ match }) => match === best)) window.push(scored.find(({ match }) => match === best)!);
  const ranked = window.map(
    ({ match: { relevance: _relevance, hasTerms: _hasTerms, bookOrder: _order, position: _position, docId: _doc, ...chunk }, score }) => ({
      ...chunk,
      score,
    }),
  );
  return keepBestAnswerNearTop(ranked, best?.id ?? null).slice(0, query.limit);
}

/** A guest's #1: the most relevant match, the first in the book among equals. */
function guestsFirst(matches: Match[]): Match {
  return matches.reduce((first, match) =>
    match.relevance > first.relevance || (match.relevance === first.relevance && inBookOrder(match, first) < 0) ? match : first,
  );
}

/**
 * A class asks the same few questions with many backgrounds: from a text's second ask in 30 s its
 * matches are kept (per text and chapter, as ranked answers are) and ranked for each background
 * in process, so a new background costs no database query. A text asked once, or one with too many
 * matches, is ranked by the database (one query of `limit` rows, cheaper than fetching every match).
 */
async function search(query: RankingQuery): Promise<RankedChunk[]> {
  const words = anyWordQuery(query.text);
  const key = `matches ${JSON.stringify([words, query.chapter])}`;
  if (!askedRecently(postgresEngine, key)) return rankInSql(query);
  const { value: matches } = await keptFor(postgresEngine, key, () => matchesOf(query.text, query.chapter));
  return matches ? rankMatches(matches, query, words !== null) : rankInSql(query);
}

/** The ranking in SQL, over every match: a text first asked, or one matching more than `rankMatches` keeps in process. */
export async function rankInSql(query: RankingQuery): Promise<RankedChunk[]> {
  const db = await database();
  const { relevance, match, hasTerms } = relevanceSql(query.text);
  const score = sql<number>`(${relevance}) * ${boostFactorSql(query)} * ${readFactorSql(query)}`;
  const weighted = match !== undefined && (query.boosts.length > 0 || query.readUrls.length > 0);
  // Doc ids in code-point order ("C"), whatever the server's collation: as `inBookOrder` compares them.
  const guestTieOrder = sql`${contentChunk.bookOrder}, ${contentChunk.position}, ${contentChunk.docId} collate "C"`;
  // A guest's #1 for this query (relevance alone, in the same tie order), computed over every match.
  // Only where the boosts can reorder answers to a query: listings (stop words only included) have none.
  const bestId = weighted
    ? sql<string | null>`case when ${hasTerms} then first_value(${contentChunk.id}) over (order by ${relevance} desc, ${guestTieOrder}) end`
    : sql<string | null>`null`;
  const { relevance: _relevance, ...shown } = answerColumns(relevance);
  const columns = { ...shown, score: score.mapWith(Number) };
  const inScope = inScopeOf(match, query.chapter);
  const rows = await db
    .select({ ...columns, bestId })
    .from(contentChunk)
    .where(inScope)
    .orderBy(sql`${score} desc`, guestTieOrder)
    .limit(query.limit);
  const best = weighted ? (rows[0]?.bestId ?? null) : null;
  if (best && !rows.some((row) => row.id === best)) {
    // Boosts pushed the best answer out of the window: fetch it, so relevance-first can bring it back.
    const [missing] = await db
      .select({ ...columns, bestId })
      .from(contentChunk)
      .where(and(inScope, eq(contentChunk.id, best)));
    if (missing) rows.push(missing);
  }
  const ranked = keepBestAnswerNearTop(
    rows.map(({ bestId: _best, ...row }) => row as RankedChunk),
    best,
  );
  return ranked.slice(0, query.limit);
}

async function writeDocs(docs: BookDoc[]): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    await tx.delete(contentChunk).where(
      inArray(
        contentChunk.docId,
        docs.map((doc) => doc.docId),
      ),
    );
    const rows = docs.flatMap((doc) => doc.chunks.map((chunk) => ({ ...chunk, docHash: doc.hash })));
    if (rows.length) await tx.insert(contentChunk).values(rows);
  });
  forgetRankedAnswers();
}

/** Moves docs whose text is unchanged to their place in the book; rows already in place are not written. */
async function placeDocs(docs: BookDoc[]): Promise<void> {
  if (!docs.length) return;
  const places = sql.join(
    docs.map((doc) => sql`(${doc.docId}::text, ${doc.place.order}::int, ${doc.place.chapterLabel}::text)`),
    sql`, `,
  );
  await (
    await database()
  ).execute(
    sql`update content_chunk c set book_order = p.book_order, chapter_label = p.chapter_label
        from (values ${places}) as p(doc_id, book_order, chapter_label)
        where c.doc_id = p.doc_id and (c.book_order <> p.book_order or c.chapter_label <> p.chapter_label)`,
  );
  forgetRankedAnswers();
}

/** The embedded engine: Postgres full-text search in Lectern's own database (PGlite or server). */
export const postgresEngine: ContentEngine = {
  name: "postgres",
  search,
  writeDocs,
  placeDocs,
  async indexedDocs() {
    const db = await database();
    const rows = await db.selectDistinct({ docId: contentChunk.docId, docHash: contentChunk.docHash }).from(contentChunk);
    return new Map(rows.map((row) => [row.docId, row.docHash]));
  },
  async removeDocs(docIds) {
    if (!docIds.length) return;
    const db = await database();
    await db.delete(contentChunk).where(inArray(contentChunk.docId, docIds));
    forgetRankedAnswers();
  },
  async chunkCount() {
    const db = await database();
    const [row] = await db.select({ chunks: count() }).from(contentChunk);
    return row?.chunks ?? 0;
  },
  async status() {
    await this.chunkCount();
    return { ok: true };
  },
};
