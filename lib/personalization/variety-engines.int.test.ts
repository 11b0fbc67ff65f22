import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { contentEnginesUnderTest } from "@/testing/content-engines";
import { indexBook, sampleBookDocsDir } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { personalize } from "@/lib/personalization";
import { pageOf, sectionsPerPage } from "./variety";

/**
 * Variety and the inferred flags on both engines: Postgres for real, Qdrant through the fake
 * server (testing/fake-qdrant.ts; a real Qdrant cannot run here), on the sample book with its
 * front matter ignored. Without text both engines rank by the boosts alone, so they must agree.
 */
isolateBookDatabase();

const novice: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const expert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };

const [postgres, qdrant] = contentEnginesUnderTest("variety");
beforeAll(async () => {
  for (const { engine } of [postgres!, qdrant!]) await indexBook(path.resolve(sampleBookDocsDir), engine(), { ignoreDeclaredLevels: true });
});

describe("variety and inferred levels on both engines", () => {
  it.each([
    ["a novice", novice],
    ["an expert", expert],
  ])("gives %s the same chapter listing on Postgres and Qdrant, two sections of a page at most, inferred flags included", async (_who, background) => {
    const reader = { userId: `variety-${background.software_experience}`, background };
    const answers = await Promise.all([postgres!, qdrant!].map(({ engine }) => personalize({ chapter: "sensing", limit: 6 }, reader, engine())));
    const listing = (index: number) =>
      answers[index]!.results.map((result) => [result.url, result.level, result.inferred, result.also?.map((other) => other.url) ?? []]);
    expect(answers[0]!.results).toHaveLength(6);
    expect(listing(1)).toEqual(listing(0));
    const perPage = new Map<string, number>();
    for (const result of answers[0]!.results) perPage.set(pageOf(result.url), (perPage.get(pageOf(result.url)) ?? 0) + 1);
    expect(Math.max(...perPage.values())).toBeLessThanOrEqual(sectionsPerPage);
    expect(answers[0]!.results.some((result) => result.inferred.level)).toBe(true);
  });
});
