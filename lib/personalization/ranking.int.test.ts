import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { indexBook } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { boostFactor, personalize, postgresEngine, rankingQuery, type RankedChunk } from "@/lib/personalization";
import { queryRows } from "@/testing/query-rows";

isolateBookDatabase();

const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");

const newToHardware: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const hardwareExpert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };

const beginnerMotors = "/docs/motors/motors-for-beginners";
const advancedMotors = "/docs/motors/motor-control-internals";

async function search(q: string | undefined, background: Background | null, chapter?: string): Promise<RankedChunk[]> {
  return postgresEngine.search(rankingQuery({ q, chapter, limit: 50 }, background));
}

/** Position of the first chunk of a doc in the results. */
const rankOf = (results: RankedChunk[], docUrl: string) => results.findIndex((chunk) => chunk.url.split("#")[0] === docUrl);

beforeAll(async () => {
  await indexBook(fixtureBook, postgresEngine);
});

describe("ranking on the embedded engine (Postgres full-text search)", () => {
  it("puts the beginner hardware chunk above the advanced one for a reader new to hardware", async () => {
    const results = await search("motor", newToHardware);
    expect(rankOf(results, beginnerMotors)).toBeGreaterThanOrEqual(0);
    expect(rankOf(results, beginnerMotors)).toBeLessThan(rankOf(results, advancedMotors));
  });

  it("puts the advanced hardware chunk above the beginner one for a hardware expert", async () => {
    const results = await search("motor", hardwareExpert);
    expect(rankOf(results, advancedMotors)).toBeGreaterThanOrEqual(0);
    expect(rankOf(results, advancedMotors)).toBeLessThan(rankOf(results, beginnerMotors));
  });

  it("gives a guest the unweighted full-text order", async () => {
    const results = await search("motor", null);
    const rows = await queryRows<{ id: string }>(
      sql`select id from content_chunk where search @@ websearch_to_tsquery('english', 'motor')
          order by ts_rank(search, websearch_to_tsquery('english', 'motor')) desc, book_order, position, doc_id`,
    );
    expect(results.map((chunk) => chunk.id)).toEqual(rows.map((row) => row.id));
  });

  it("scores a matching chunk higher for the reader it suits than for a guest, and an unsuitable one lower", async () => {
    const guest = await search("motor", null);
    const reader = await search("motor", newToHardware);
    const scoreOf = (results: RankedChunk[], url: string) => results.find((chunk) => chunk.url.split("#")[0] === url)!.score;
    expect(scoreOf(reader, beginnerMotors)).toBeGreaterThan(scoreOf(guest, beginnerMotors));
    expect(scoreOf(reader, advancedMotors)).toBeLessThan(scoreOf(guest, advancedMotors));
  });

  it("ranks a chapter by the boosts alone when there is no query text", async () => {
    const beginner = await search(undefined, newToHardware, "motors");
    const expert = await search(undefined, hardwareExpert, "motors");
    expect(beginner.every((chunk) => chunk.chapter === "motors")).toBe(true);
    expect(beginner).toHaveLength(6);
    expect(beginner[0]!.url.split("#")[0]).toBe(beginnerMotors);
    expect(expert[0]!.url.split("#")[0]).toBe(advancedMotors);
  });

  it("computes in SQL exactly the factor of the weight table for every chunk", async () => {
    for (const background of [newToHardware, hardwareExpert]) {
      const boosts = rankingQuery({ limit: 50 }, background).boosts;
      for (const chunk of await search(undefined, background)) expect(chunk.score).toBeCloseTo(boostFactor(chunk, boosts), 10);
    }
  });

  it("gives the book's best matches for the reader when there is neither text nor chapter", async () => {
    const results = await search(undefined, newToHardware);
    expect(results.length).toBeGreaterThan(5);
    expect(results[0]!.level).toBe("beginner");
    expect(results.at(-1)!.level).toBe("advanced");
  });

  it("treats a query of stop words like an empty query instead of returning nothing", async () => {
    expect((await search("the", newToHardware)).length).toBeGreaterThan(0);
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

  it("keeps a guest's best answer to a query in every reader's top three (relevance first)", async () => {
    const readers: Background[] = [
      newToHardware,
      hardwareExpert,
      { software_experience: "expert", programming_background: "none", hardware_knowledge: "none" },
      { software_experience: "beginner", programming_background: "advanced", hardware_knowledge: "basic" },
    ];
    let reordered = 0;
    for (const q of ["motor", "motors torque control", "python script", "architecture", "gearbox", "spin"]) {
      const guestBest = (await search(q, null))[0];
      if (!guestBest) continue;
      for (const reader of readers) {
        const ranked = await search(q, reader);
        expect(
          ranked.slice(0, 3).map((chunk) => chunk.id),
          `${q} for ${JSON.stringify(reader)}`,
        ).toContain(guestBest.id);
        if (ranked[0]!.id !== guestBest.id) reordered++;
      }
    }
    // The background still reorders: relevance first is not relevance only.
    expect(reordered).toBeGreaterThan(0);
  });

  it("leaves the page being read out of a list without a query, and keeps it in answers to one", async () => {
    const current = beginnerMotors;
    const listed = await personalize({ limit: 10, current }, null, postgresEngine);
    expect(listed.results.length).toBeGreaterThan(0);
    expect(listed.results.filter((result) => result.url.split("#")[0] === current)).toEqual([]);
    const everything = await personalize({ limit: 10 }, null, postgresEngine);
    expect(everything.results.some((result) => result.url.split("#")[0] === current)).toBe(true);
    const asked = await personalize({ q: "beginners motors", limit: 10, current }, null, postgresEngine);
    expect(asked.results.some((result) => result.url.split("#")[0] === current)).toBe(true);
  });
});
