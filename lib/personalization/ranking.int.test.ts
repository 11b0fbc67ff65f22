import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { indexBook } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { postgresEngine, rankingQuery, type RankedChunk } from "@/lib/personalization";
import { queryRows } from "@/testing/query-rows";

/**
 * What only the embedded engine can show here, because it ranks text (the fake Qdrant does not; the
 * live suite checks Qdrant's): the scenarios both engines share are in ranking-engines.int.test.ts.
 */
isolateBookDatabase();

const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");

const newToHardware: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const hardwareExpert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };

async function search(q: string | undefined, background: Background | null, chapter?: string): Promise<RankedChunk[]> {
  return postgresEngine.search(rankingQuery({ q, chapter, limit: 50 }, background));
}

beforeAll(async () => {
  await indexBook(fixtureBook, postgresEngine);
});

describe("text ranking on the embedded engine (Postgres full-text search)", () => {
  it("gives a guest the unweighted full-text order", async () => {
    const results = await search("motor", null);
    const rows = await queryRows<{ id: string }>(
      sql`select id from content_chunk where search @@ websearch_to_tsquery('english', 'motor')
          order by ts_rank(search, websearch_to_tsquery('english', 'motor')) desc, book_order, position, doc_id`,
    );
    expect(results.map((chunk) => chunk.id)).toEqual(rows.map((row) => row.id));
  });

  it("treats a query of stop words like an empty query: the same list, with no 'best answer' pinned near the top", async () => {
    for (const background of [newToHardware, hardwareExpert]) {
      const listing = (await search(undefined, background)).map((chunk) => chunk.id);
      expect(listing.length).toBeGreaterThan(0);
      expect((await search("the", background)).map((chunk) => chunk.id)).toEqual(listing);
    }
  });

  it("finds chunks matching some of the words of a question, best matches first", async () => {
    const results = await search("how do brushless motors spin", null);
    expect(results.length).toBeGreaterThan(2);
    const words = (chunk: RankedChunk) => `${chunk.section} ${chunk.body}`.toLowerCase();
    expect(results.some((chunk) => words(chunk).includes("brushless"))).toBe(true);
    expect(words(results[0]!)).toMatch(/brushless|spin/);
    expect(results.map((chunk) => chunk.score)).toEqual([...results.map((chunk) => chunk.score)].sort((a, b) => b - a));
  });

  it("keeps results inside the chapter filter", async () => {
    const results = await search("motor", hardwareExpert, "software");
    expect(results).toEqual([]);
  });
});
