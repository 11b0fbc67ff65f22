import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { indexBook, sampleBookDocsDir } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { personalize } from "@/lib/personalization";
import { contentEnginesUnderTest } from "@/testing/content-engines";
import { pageOf, sectionsPerPage } from "./variety";

isolateBookDatabase();

const novice: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const expert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };
const asReader = (background: Background) => ({ userId: `untagged-book-${background.software_experience}`, background });

describe.each(contentEnginesUnderTest("untagged-book"))("personalization on a book whose author wrote no levels or tracks, on $name", ({ engine }) => {
  beforeAll(async () => {
    // The sample book as an outside author would bring it: no level or tracks in any front matter.
    await indexBook(path.resolve(sampleBookDocsDir), engine(), { ignoreDeclaredLevels: true });
  });

  it("lists a chapter differently for a novice and an expert, with reasons that say what was inferred", async () => {
    const forNovice = await personalize({ chapter: "sensing", limit: 5 }, asReader(novice), engine());
    const forExpert = await personalize({ chapter: "sensing", limit: 5 }, asReader(expert), engine());
    const urls = (answer: typeof forNovice) => answer.results.map((result) => result.url);
    expect(urls(forNovice)).not.toEqual(urls(forExpert));
    expect(forNovice.results[0]!.level).toBe("beginner");
    expect(forExpert.results[0]!.level).toBe("advanced");
    for (const answer of [forNovice, forExpert]) {
      // Level blocks in the book keep their written level; everything else was inferred and says why.
      const inferred = answer.results.filter((result) => result.inferred.level && result.inferred.tracks);
      expect(inferred.length).toBeGreaterThan(0);
      for (const result of inferred.filter((candidate) => candidate.reasons.some((reason) => reason.startsWith("matches your")))) {
        expect(result.reasons).toContainEqual(expect.stringMatching(new RegExp(`^inferred ${result.level}: \\w`)));
        expect(result.reasons).toContainEqual(expect.stringMatching(/^inferred (hardware|programming|software): \w/));
        // One code for each reason, in the same order; the inferred ones carry the book's own signals.
        expect(result.reason_codes.map(({ code }) => code)).toEqual(
          result.reasons.map((reason) =>
            reason.startsWith("matches your") ? "matches" : reason.startsWith(`inferred ${result.level}`) ? "inferred_level" : "inferred_track",
          ),
        );
        const level = result.reason_codes.find(({ code }) => code === "inferred_level")!;
        expect(level.params).toMatchObject({ level: result.level, guess: "no" });
        expect(result.reasons).toContain(`inferred ${result.level}: ${level.params.signals}`);
      }
      expect(answer.results.some((result) => result.inferred.level && result.reasons.some((reason) => reason.startsWith("matches your")))).toBe(true);
    }
  });

  it("never lists more than two sections of one page, and hands the others over as also", async () => {
    let handedOver = 0;
    for (const q of ["motor", "PID controller", "sensor", "robot", "ROS 2 topics", undefined]) {
      for (const reader of [null, asReader(novice)]) {
        const { results } = await personalize({ q, limit: 10 }, reader, engine());
        const perPage = new Map<string, number>();
        for (const result of results) perPage.set(pageOf(result.url), (perPage.get(pageOf(result.url)) ?? 0) + 1);
        expect(Math.max(...perPage.values())).toBeLessThanOrEqual(sectionsPerPage);
        expect(perPage.size).toBeGreaterThan(1);
        for (const result of results) {
          for (const other of result.also ?? []) {
            expect(pageOf(other.url)).toBe(pageOf(result.url));
            expect(results.some((shown) => shown.url === other.url)).toBe(false);
          }
          handedOver += result.also?.length ?? 0;
        }
      }
    }
    expect(handedOver).toBeGreaterThan(0);
  });
});
