import path from "node:path";
import { describe, expect, it } from "vitest";
import { indexBook, readBook, sampleBookDocsDir } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { matchesRankedInProcessMax, postgresEngine, rankInSql } from "./postgres-engine";
import { rankingQuery, type RankingQuery } from "./query";
import { forgetRankedAnswers, keptFor } from "./ranked-cache";

/**
 * The Postgres engine ranks a query's kept matches in process when they are few, and in SQL
 * when they are many: both must give the same answer, to the score, on every kind of query.
 */
isolateBookDatabase();

const backgrounds: (Background | null)[] = [
  null,
  { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" },
  { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "none" },
  { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "advanced" },
];
const texts = [null, "the", "motor torque", "How do sensors measure distance?", "kalman filter sensor fusion", "zzzqqq nothing matches"];

/** Every query of the grid: texts × chapters × backgrounds × read sections × limits. */
function grid(chapters: (string | null)[], readSets: string[][]): RankingQuery[] {
  return texts.flatMap((q) =>
    chapters.flatMap((chapter) =>
      backgrounds.flatMap((background) =>
        readSets.flatMap((read) =>
          [1, 3, 10].map((limit) => rankingQuery({ q: q ?? undefined, chapter: chapter ?? undefined, limit }, background, background ? read : [])),
        ),
      ),
    ),
  );
}

describe("the Postgres engine's two ways to rank", () => {
  it.each([
    ["in the book's order", false],
    ["with its docs moved into the reverse order (ties no longer in the order the rows were written)", true],
  ])("ranks in process exactly as SQL does, for every query of a grid on an untagged book, %s", async (_, reversed) => {
    const docsDir = path.resolve(sampleBookDocsDir);
    await indexBook(docsDir, postgresEngine, { ignoreDeclaredLevels: true });
    if (reversed) {
      const docs = readBook(docsDir, { ignoreDeclaredLevels: true });
      await postgresEngine.placeDocs(docs.map((doc) => ({ ...doc, place: { ...doc.place, order: docs.length - doc.place.order } })));
    }
    const listing = await rankInSql(rankingQuery({ limit: 50 }, null));
    expect(listing.length).toBeGreaterThan(10);
    expect(listing.length).toBeLessThanOrEqual(matchesRankedInProcessMax);
    const chapters = [null, listing[0]!.chapter, listing.at(-1)!.chapter];
    const readSets = [[], listing.slice(0, 3).map((chunk) => chunk.url)];
    const queries = grid(chapters, readSets);
    let answered = 0;
    for (const query of queries) {
      const inProcess = await postgresEngine.search(query);
      const inSql = await rankInSql(query);
      expect({ query, ranked: inProcess.map((chunk) => [chunk.id, chunk.score]) }).toEqual({
        query,
        ranked: inSql.map((chunk) => [chunk.id, chunk.score]),
      });
      expect(inProcess).toEqual(inSql);
      if (inSql.length) answered += 1;
    }
    // The grid reaches answers: most queries have some, and the one that matches nothing has none.
    expect(answered).toBeGreaterThan(queries.length / 2);
  });

  it("keeps a text's matches from its second ask, so another background asks the database nothing new", async () => {
    forgetRankedAnswers();
    const [novice, expert] = [backgrounds[1]!, backgrounds[2]!];
    const key = (words: string) => `matches ${JSON.stringify([words, null])}`;
    /** What is kept under a key, without loading anything: undefined when nothing is. */
    const keptUnder = async (words: string) => {
      const found = await keptFor(postgresEngine, key(words), async () => undefined as never);
      return found.fresh ? found.value : undefined;
    };
    // Asked once, a text is ranked by the database and nothing is kept for it.
    await postgresEngine.search(rankingQuery({ q: "servo gearbox backlash", limit: 5 }, novice));
    forgetRankedAnswers();
    // Asked again (another background, other capitals), its matches are kept under its words.
    const once = await postgresEngine.search(rankingQuery({ q: "Servo gearbox BACKLASH", limit: 5 }, expert));
    const matches = await keptUnder("servo or gearbox or backlash");
    expect(matches?.length).toBeGreaterThan(0);
    expect(once).toEqual(await rankInSql(rankingQuery({ q: "Servo gearbox BACKLASH", limit: 5 }, expert)));
    // A text asked only once keeps nothing.
    await postgresEngine.search(rankingQuery({ q: "ultrasonic echo", limit: 5 }, novice));
    expect(await keptUnder("ultrasonic or echo")).toBeUndefined();
  });

  it("ranks the kept matches when there are some, and in SQL when they were too many to keep", async () => {
    const listingKey = `matches ${JSON.stringify([null, null])}`;
    const query = rankingQuery({ limit: 5 }, backgrounds[2]!);
    // What is kept is what is ranked: kept as "no chunk matches", the listing is empty.
    forgetRankedAnswers();
    await keptFor(postgresEngine, listingKey, async () => []);
    expect(await postgresEngine.search(query)).toEqual([]);
    // Kept as "too many" (a large book's listing), the database ranks it.
    forgetRankedAnswers();
    await keptFor(postgresEngine, listingKey, async () => null);
    const ranked = await postgresEngine.search(query);
    expect(ranked).toHaveLength(5);
    expect(ranked).toEqual(await rankInSql(query));
  });
});
