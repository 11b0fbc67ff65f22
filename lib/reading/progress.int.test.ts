import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpReader } from "@/lib/auth";
import { indexBook } from "@/lib/content";
import { postgresEngine } from "@/lib/personalization";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";
import { maxSectionsPerReader, progressOf, readUrlsOf, saveProgress } from "./index";

/**
 * Progress writes below the route (lib/book-api/reading.int.test.ts covers them over HTTP): the
 * per-reader cap, the kept read row, and migration 0006's trigger that counts reads per chapter.
 */
isolateBookDatabase();
beforeAll(() => indexBook(path.join(import.meta.dirname, "../content/fixtures/book"), postgresEngine));

const newReader = async () =>
  (await signUpReader({ email: uniqueEmail(), password: "progress password", background: sampleBackground }, serverRequest())).userId;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
const beginnerMotors = "/docs/motors/motors-for-beginners";
const firstScript = "/docs/software/first-script#printing-a-message";

describe("saveProgress", () => {
  it("refuses a batch that would take a reader past the cap and stores nothing of it; urls already kept do not count again", async () => {
    const userId = await newReader();
    const kept = Array.from({ length: maxSectionsPerReader - 1 }, (_, index) => ({ url: `/docs/kept-${index}`, state: "unread" as const, at: at(1) }));
    await saveProgress(userId, kept);
    const tooMany = saveProgress(userId, [
      { url: "/docs/new-1", state: "read", at: at(2) },
      { url: "/docs/new-2", state: "read", at: at(2) },
    ]);
    await expect(tooMany).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "sections", reason: "too many sections" } });
    expect((await progressOf(userId)).length).toBe(maxSectionsPerReader - 1);
    const rewritten = await saveProgress(userId, [
      { url: "/docs/kept-0", state: "read", at: at(3) },
      { url: "/docs/new-1", state: "read", at: at(3) },
    ]);
    expect(rewritten.map((row) => row.url)).toEqual(["/docs/kept-0", "/docs/new-1"]);
    expect((await progressOf(userId)).length).toBe(maxSectionsPerReader);
  });

  it("answers progressOf newest first, and readUrlsOf only what is read, fresh after every save (the kept row is forgotten)", async () => {
    const userId = await newReader();
    expect(await readUrlsOf(userId)).toEqual([]);
    await saveProgress(userId, [
      { url: beginnerMotors, state: "read", at: at(1) },
      { url: firstScript, state: "read", at: at(2) },
    ]);
    expect((await progressOf(userId)).map((row) => row.url)).toEqual([firstScript, beginnerMotors]);
    expect((await readUrlsOf(userId)).sort()).toEqual([beginnerMotors, firstScript]);
    await saveProgress(userId, [{ url: beginnerMotors, state: "unread", at: at(3) }]);
    expect(await readUrlsOf(userId)).toEqual([firstScript]);
  });

  it("moves insights_chapter_reader with it through migration 0006's trigger: a read counts for its chapter until unread", async () => {
    const userId = await newReader();
    const chapters = () =>
      queryRows<{ chapter: string; sections_read: number }>(
        sql`select chapter, sections_read from insights_chapter_reader where user_id = ${userId} order by chapter`,
      ).then((rows) => rows.map((row) => [row.chapter, Number(row.sections_read)]));
    await saveProgress(userId, [
      { url: beginnerMotors, state: "read", at: at(1) },
      { url: `${beginnerMotors}#how-a-motor-spins`, state: "read", at: at(1) },
      { url: firstScript, state: "read", at: at(1) },
      { url: "/docs/not-in-the-book", state: "read", at: at(1) },
    ]);
    expect(await chapters()).toEqual([
      ["motors", 2],
      ["software", 1],
    ]);
    await saveProgress(userId, [{ url: firstScript, state: "unread", at: at(2) }]);
    await saveProgress(userId, [{ url: beginnerMotors, state: "read", at: at(3) }]); // read again: no second count
    expect(await chapters()).toEqual([["motors", 2]]);
  });
});
