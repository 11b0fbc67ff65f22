import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { database } from "@/db";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { contentChunk } from "@/db/schema";
import { indexBook } from "@/lib/content";
import { postgresEngine } from "@/lib/personalization";

isolateBookDatabase();

const fixtureBook = path.join(import.meta.dirname, "fixtures/book");
let book: string;
const fixtureDocIds = [
  "motors/motors-for-beginners",
  "motors/motor-control-internals",
  "motors/choosing-gearboxes",
  "software/first-script",
  "software/architecture",
  "extras/index",
];

async function chunksOf(docIds: string[]) {
  const db = await database();
  return db.select().from(contentChunk).where(inArray(contentChunk.docId, docIds)).orderBy(contentChunk.docId, contentChunk.position);
}

beforeAll(() => {
  book = mkdtempSync(path.join(tmpdir(), "lectern-index-"));
  cpSync(fixtureBook, book, { recursive: true });
});
afterAll(() => rmSync(book, { recursive: true, force: true }));

describe("indexBook on the embedded engine", () => {
  it("indexes every doc of a fresh book and reports progress up to the total", async () => {
    const progress: [number, number][] = [];
    const report = await indexBook(book, postgresEngine, { onProgress: (done, total) => progress.push([done, total]) });
    expect(report).toEqual({ added: 6, changed: 0, removed: 0, unchanged: 0, chunks: 10 });
    expect(progress.at(-1)).toEqual([6, 6]);
    expect(await chunksOf(fixtureDocIds)).toHaveLength(10);
  });

  it("changes nothing when run again on the same book", async () => {
    const before = await chunksOf(fixtureDocIds);
    const report = await indexBook(book, postgresEngine);
    expect(report).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 6, chunks: 10 });
    const after = await chunksOf(fixtureDocIds);
    expect(after.map((row) => [row.id, row.indexedAt.getTime()])).toEqual(before.map((row) => [row.id, row.indexedAt.getTime()]));
  });

  it("replaces a changed doc's chunks and removes a deleted doc's chunks", async () => {
    writeFileSync(
      path.join(book, "software/first-script.md"),
      "---\ntitle: Your first script\nlevel: intermediate\ntracks: [software, programming]\n---\n\n## Reading input\n\nAsk the user for a number and print its square.\n",
    );
    unlinkSync(path.join(book, "motors/choosing-gearboxes.md"));

    const report = await indexBook(book, postgresEngine);
    expect(report).toEqual({ added: 0, changed: 1, removed: 1, unchanged: 4, chunks: 9 });

    expect(await chunksOf(["motors/choosing-gearboxes"])).toEqual([]);
    const script = await chunksOf(["software/first-script"]);
    expect(script.map((row) => [row.section, row.url, row.level, row.tracks])).toEqual([
      ["Reading input", "/docs/software/first-script#reading-input", "intermediate", ["software", "programming"]],
    ]);
    expect(await indexBook(book, postgresEngine)).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 5 });
  });

  it("leaves the index untouched when a doc has a bad front-matter value", async () => {
    const before = await chunksOf(fixtureDocIds);
    writeFileSync(path.join(book, "motors/broken.md"), "---\nlevel: expert\n---\n\ntext\n");
    await expect(indexBook(book, postgresEngine)).rejects.toThrow(/motors\/broken\.md: front matter "level"/);
    expect(await chunksOf(fixtureDocIds)).toEqual(before);
    unlinkSync(path.join(book, "motors/broken.md"));
  });
});
