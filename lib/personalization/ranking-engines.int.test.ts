import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { indexBook, readBook } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { boostFactor, personalize, rankingQuery, readFactor, type RankedChunk } from "@/lib/personalization";
import { hardwareExpert, newToHardware } from "@/testing/accounts";
import { contentEnginesUnderTest } from "@/testing/content-engines";
import { isolateBookDatabase } from "@/testing/isolated-database";

/**
 * The ranking scenarios both engines must answer alike, written once: Postgres on the test
 * database and Qdrant through the fake server (testing/content-engines.ts). What needs text ranked
 * (the fake does not rank it) stays in ranking.int.test.ts; what is about Qdrant's requests,
 * retries and timeouts stays in qdrant-engine.test.ts.
 */
isolateBookDatabase();

const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");
const chunks = readBook(fixtureBook).flatMap((doc) => doc.chunks);

const readers: Background[] = [
  newToHardware,
  hardwareExpert,
  { software_experience: "expert", programming_background: "none", hardware_knowledge: "none" },
  { software_experience: "beginner", programming_background: "advanced", hardware_knowledge: "basic" },
  { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "advanced" },
  { software_experience: "expert", programming_background: "intermediate", hardware_knowledge: "none" },
];

const beginnerMotors = "/docs/motors/motors-for-beginners";
const advancedMotors = "/docs/motors/motor-control-internals";
const pageOf = (url: string) => url.split("#")[0]!;
/** Position of the first chunk of a doc in the results. */
const rankOf = (results: RankedChunk[], docUrl: string) => results.findIndex((chunk) => pageOf(chunk.url) === docUrl);

describe.each(contentEnginesUnderTest("ranking-scenarios"))("ranking on $name", ({ engine }) => {
  beforeAll(() => indexBook(fixtureBook, engine()));
  const search = (q: string | undefined, background: Background | null, chapter?: string, readUrls: string[] = []) =>
    engine().search(rankingQuery({ q, chapter, limit: 50 }, background, readUrls));

  it("puts the beginner hardware chunk above the advanced one for a reader new to hardware, and the reverse for an expert", async () => {
    const forNovice = await search("motor", newToHardware);
    expect(rankOf(forNovice, beginnerMotors)).toBeGreaterThanOrEqual(0);
    expect(rankOf(forNovice, beginnerMotors)).toBeLessThan(rankOf(forNovice, advancedMotors));
    const forExpert = await search("motor", hardwareExpert);
    expect(rankOf(forExpert, advancedMotors)).toBeGreaterThanOrEqual(0);
    expect(rankOf(forExpert, advancedMotors)).toBeLessThan(rankOf(forExpert, beginnerMotors));
  });

  it("scores a matching chunk higher for the reader it suits than for a guest, and an unsuitable one lower", async () => {
    const guest = await search("motor", null);
    const reader = await search("motor", newToHardware);
    const scoreOf = (results: RankedChunk[], url: string) => results.find((chunk) => pageOf(chunk.url) === url)!.score;
    expect(scoreOf(reader, beginnerMotors)).toBeGreaterThan(scoreOf(guest, beginnerMotors));
    expect(scoreOf(reader, advancedMotors)).toBeLessThan(scoreOf(guest, advancedMotors));
  });

  it("ranks a chapter by the boosts alone when there is no query text, inside the chapter", async () => {
    const beginner = await search(undefined, newToHardware, "motors");
    const expert = await search(undefined, hardwareExpert, "motors");
    expect(beginner.every((chunk) => chunk.chapter === "motors")).toBe(true);
    expect(beginner).toHaveLength(6);
    expect(pageOf(beginner[0]!.url)).toBe(beginnerMotors);
    expect(pageOf(expert[0]!.url)).toBe(advancedMotors);
  });

  it("keeps results inside the chapter filter, with and without text", async () => {
    for (const q of ["motor", undefined]) {
      const results = await search(q, hardwareExpert, "software");
      expect(results.every((chunk) => chunk.chapter === "software")).toBe(true);
      expect(results.some((chunk) => chunk.chapter === "motors")).toBe(false);
    }
  });

  it("scores every chunk with exactly the weight table's factor, the read row included, when there is no text", async () => {
    const readUrls = chunks.filter((_, index) => index % 3 === 0).map((chunk) => chunk.url);
    for (const background of [newToHardware, hardwareExpert, null]) {
      for (const read of [[], readUrls]) {
        const boosts = rankingQuery({ limit: 50 }, background, read).boosts;
        const results = await search(undefined, background, undefined, read);
        expect(results).toHaveLength(chunks.length);
        for (const chunk of results) {
          expect(chunk.score, `${chunk.url} for ${JSON.stringify({ background, read: read.length })}`).toBeCloseTo(
            boostFactor(chunk, boosts) * readFactor(chunk, new Set(read)),
            10,
          );
        }
      }
    }
  });

  it("gives the book's best matches for the reader when there is neither text nor chapter", async () => {
    const results = await search(undefined, newToHardware);
    expect(results.length).toBeGreaterThan(5);
    expect(results[0]!.level).toBe("beginner");
    expect(results.at(-1)!.level).toBe("advanced");
  });

  it("lists a guest's chapter without text in the book's order (doc, then position)", async () => {
    const listed = await search(undefined, null, "motors");
    const expected = chunks
      .filter((chunk) => chunk.chapter === "motors")
      .sort((a, b) => a.bookOrder - b.bookOrder || a.position - b.position)
      .map((chunk) => chunk.id);
    expect(expected.length).toBeGreaterThan(2);
    expect(listed.map((chunk) => chunk.id)).toEqual(expected);
    expect(await engine().search(rankingQuery({ chapter: "motors", limit: 2 }, null))).toHaveLength(2);
  });

  it("keeps a guest's best answer to a query in every reader's top three, read or not (relevance first), while the boosts still reorder", async () => {
    let reordered = 0;
    for (const q of ["motor", "motors torque control", "python script", "architecture", "gearbox", "spin"]) {
      const guestBest = (await search(q, null))[0];
      if (!guestBest) continue;
      for (const reader of readers) {
        for (const readUrls of [[], [guestBest.url]]) {
          const ranked = await search(q, reader, undefined, readUrls);
          expect(
            ranked.slice(0, 3).map((chunk) => chunk.id),
            `${q} for ${JSON.stringify({ reader, readUrls })}`,
          ).toContain(guestBest.id);
          if (ranked[0]!.id !== guestBest.id) reordered++;
        }
      }
    }
    // The background still reorders: relevance first is not relevance only.
    expect(reordered).toBeGreaterThan(0);
  });

  it("leaves the page being read out of a list without a query, and keeps it in answers to one", async () => {
    const current = beginnerMotors;
    const listed = await personalize({ limit: 10, current }, null, engine());
    expect(listed.results.length).toBeGreaterThan(0);
    expect(listed.results.filter((result) => pageOf(result.url) === current)).toEqual([]);
    const everything = await personalize({ limit: 10 }, null, engine());
    expect(everything.results.some((result) => pageOf(result.url) === current)).toBe(true);
    const asked = await personalize({ q: "beginners motors", limit: 10, current }, null, engine());
    expect(asked.results.some((result) => pageOf(result.url) === current)).toBe(true);
  });
});
