import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { indexBook, readBook } from "@/lib/content";
import { logger } from "@/lib/http";
import type { Background } from "@/lib/contract";
import { resetConfigForTests } from "@/lib/config";
import { boostFactor, createQdrantEngine, indexSampleBookIfEmpty, rankingQuery, type ContentEngine, type RankingQuery } from "@/lib/personalization";
import { startFakeQdrant, type FakeQdrant } from "@/testing/fake-qdrant";
import { writeCopiedBook } from "@/testing/generated-book";
import { parseRetryAfter, qdrantBaseUrl } from "./qdrant-http";
import { unsupportedQdrantVersion } from "./qdrant-version";

/**
 * What a real Qdrant answers that the adapter once mishandled (read from Qdrant's source, and
 * confirmed by the live suite): the fake answers these the way Qdrant does. Ranking quality
 * itself is only checked live.
 */
const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");
const newToHardware: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };

let fake: FakeQdrant;
let collections = 0;
const folders: string[] = [];
beforeAll(async () => {
  fake = await startFakeQdrant();
});
afterAll(async () => {
  await fake.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
afterEach(() => {
  fake.failNext(0, 0);
  fake.version = "1.18.3";
  fake.prefix = "";
  vi.restoreAllMocks();
});

function engineFor(options: { timeoutMs?: number; url?: string; collection?: string } = {}): { engine: ContentEngine; collection: string } {
  const collection = options.collection ?? `answers_${++collections}`;
  return { engine: createQdrantEngine({ url: options.url ?? fake.url, collection, timeoutMs: options.timeoutMs ?? 2000 }), collection };
}

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "lectern-qdrant-answers-"));
  folders.push(folder);
  return folder;
}

/** The embedded engine's order without text: boost factor, then doc id, then position. */
function expectedWithoutText(docsDir: string, query: RankingQuery): string[] {
  return readBook(docsDir)
    .flatMap((doc) => doc.chunks)
    .filter((chunk) => !query.chapter || chunk.chapter === query.chapter)
    .map((chunk) => ({ chunk, score: boostFactor(chunk, query.boosts) }))
    .sort((a, b) => b.score - a.score || (a.chunk.docId < b.chunk.docId ? -1 : a.chunk.docId > b.chunk.docId ? 1 : a.chunk.position - b.chunk.position))
    .slice(0, query.limit)
    .map(({ chunk }) => chunk.id);
}

const queriesSent = (start: number) => fake.requests.slice(start).filter((request) => request.path.endsWith("/points/query"));

describe("ranking without text on a book with more favoured chunks than candidates", () => {
  let largeBook: string;
  let engine: ContentEngine;
  beforeAll(async () => {
    largeBook = writeCopiedBook(fixtureBook, tempFolder(), 20);
    engine = engineFor().engine;
    await indexBook(largeBook, engine);
  }, 60_000);

  it("gives the embedded engine's order: the best chunks of the whole book, ties by doc and position", async () => {
    const favoured = readBook(largeBook)
      .flatMap((doc) => doc.chunks)
      .filter((chunk) => chunk.level === "beginner" && chunk.tracks.includes("hardware"));
    expect(favoured.length).toBeGreaterThan(50); // more than the candidate limit of a 10-result query
    for (const limit of [10, 50]) {
      const query = rankingQuery({ limit }, newToHardware);
      expect((await engine.search(query)).map((chunk) => chunk.id)).toEqual(expectedWithoutText(largeBook, query));
    }
  });

  it("gives a guest the whole book in book order, not the lowest ids", async () => {
    const query = rankingQuery({ limit: 20 }, null);
    const listed = await engine.search(query);
    expect(listed.map((chunk) => chunk.id)).toEqual(expectedWithoutText(largeBook, query));
    expect(listed.every((chunk) => chunk.score === 1 && chunk.title !== "")).toBe(true);
  });

  it("ranks a stop-words-only query like no text, as the embedded engine does, instead of returning nothing", async () => {
    const start = fake.requests.length;
    const stopWords = await engine.search(rankingQuery({ q: "the", limit: 10 }, newToHardware));
    expect(JSON.stringify(queriesSent(start)[0]!.body)).not.toContain("qdrant/bm25");
    expect(stopWords.map((chunk) => chunk.id)).toEqual(expectedWithoutText(largeBook, rankingQuery({ limit: 10 }, newToHardware)));
  });
});

describe("a reader's listing without text: one query unless the last place is tied", () => {
  it("asks again only when the point after the last place ties it, and gives the embedded engine's order either way", async () => {
    const book = writeCopiedBook(fixtureBook, tempFolder(), 2);
    const { engine } = engineFor();
    await indexBook(book, engine);
    const chunks = readBook(book).flatMap((doc) => doc.chunks);
    const hardwareExpert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };
    const seen = { one: 0, two: 0 };
    for (const background of [newToHardware, hardwareExpert]) {
      for (let limit = 1; limit < chunks.length; limit++) {
        const query = rankingQuery({ limit }, background);
        const factors = chunks.map((chunk) => boostFactor(chunk, query.boosts)).sort((a, b) => b - a);
        const tied = factors[limit] === factors[limit - 1];
        const start = fake.requests.length;
        expect((await engine.search(query)).map((chunk) => chunk.id)).toEqual(expectedWithoutText(book, query));
        expect(queriesSent(start)).toHaveLength(tied ? 2 : 1);
        seen[tied ? "two" : "one"] += 1;
      }
    }
    expect(seen.one).toBeGreaterThan(0);
    expect(seen.two).toBeGreaterThan(0);
  });
});

describe("answers only a real Qdrant gives", () => {
  it("creates the collection once when two processes index at the same moment (Qdrant answers the second 409)", async () => {
    const collection = `answers_${++collections}`;
    const [first, second] = [engineFor({ collection }).engine, engineFor({ collection }).engine];
    await expect(Promise.all([first.indexedDocs(), second.indexedDocs()])).resolves.toHaveLength(2);
    const creates = fake.requests.filter((request) => request.method === "PUT" && request.path === `/collections/${collection}`);
    expect(creates.length).toBeGreaterThan(0);
  });

  it("answers no results (not INTERNAL_ERROR) when searched before anything is indexed", async () => {
    const { engine } = engineFor();
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, newToHardware))).resolves.toEqual([]);
    await expect(engine.search(rankingQuery({ limit: 5 }, null))).resolves.toEqual([]);
  });

  it("retries Qdrant's own timeout (408)", async () => {
    const { engine } = engineFor();
    await engine.indexedDocs();
    fake.failNext(408, 1);
    const start = fake.requests.length;
    await engine.search(rankingQuery({ q: "motor", limit: 5 }, null));
    expect(queriesSent(start)).toHaveLength(2);
  });

  it("logs the reason Qdrant gives for a 400", async () => {
    const { engine } = engineFor();
    await engine.indexedDocs();
    const warn = vi.spyOn(logger(), "warn");
    fake.failNext(400, 1);
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, null))).rejects.toMatchObject({ code: "INTERNAL_ERROR" });
    expect(JSON.stringify(warn.mock.calls)).toContain("injected failure");
  });

  it("reads a Retry-After of 12 seconds as 12 s (the JS client read its first digit): no retry fits a 2 s budget", async () => {
    const { engine } = engineFor();
    await engine.indexedDocs();
    fake.failNext(429, 1, { "retry-after": "12" });
    const start = fake.requests.length;
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, null))).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
    expect(queriesSent(start)).toHaveLength(1);
  });

  it("parses Retry-After fully: seconds, fractions, an HTTP date, and nothing for garbage", () => {
    expect(parseRetryAfter("12")).toBe(12_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it("refuses a collection whose bm25 vector was created without the IDF modifier", async () => {
    const { engine, collection } = engineFor();
    await fetch(`${fake.url}/collections/${collection}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sparse_vectors: { bm25: {} } }),
    });
    await expect(engine.indexedDocs()).rejects.toThrow(`collection ${collection}'s "bm25" sparse vector was created without modifier "idf"`);
  });
});

describe("QDRANT_URL", () => {
  it("keeps a path (Qdrant behind a proxy at /qdrant) and reads a URL without a port as URLs do, not as :6333", async () => {
    expect(qdrantBaseUrl("http://qdrant.example")).toBe("http://qdrant.example");
    expect(qdrantBaseUrl("https://qdrant.example/")).toBe("https://qdrant.example");
    expect(qdrantBaseUrl("http://qdrant.example:6333/qdrant/")).toBe("http://qdrant.example:6333/qdrant");
    fake.prefix = "/qdrant";
    const { engine } = engineFor({ url: `${fake.url}/qdrant` });
    const book = tempFolder();
    cpSync(fixtureBook, book, { recursive: true });
    await indexBook(book, engine);
    expect(await engine.chunkCount()).toBe(10);
  });
});

describe("the server's version", () => {
  it("names an unsupported version and the minimum in one line", () => {
    expect(unsupportedQdrantVersion("1.15.2")).toBe("Qdrant 1.15.2 is not supported: Lectern needs Qdrant 1.16.0 or newer (QDRANT_URL)");
    expect(unsupportedQdrantVersion("1.16.0")).toBeNull();
    expect(unsupportedQdrantVersion("1.18.3")).toBeNull();
    expect(unsupportedQdrantVersion("2.0.0")).toBeNull();
    expect(unsupportedQdrantVersion("dev")).toMatch(/not a version number/);
  });

  it("checks it once, refuses to index or search an old server, and reports not ready", async () => {
    fake.version = "1.15.2";
    const { engine } = engineFor();
    const start = fake.requests.length;
    await expect(engine.indexedDocs()).rejects.toThrow("Qdrant 1.15.2 is not supported: Lectern needs Qdrant 1.16.0 or newer (QDRANT_URL)");
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, null))).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
    expect(await engine.status()).toEqual({ ok: false, detail: "Qdrant 1.15.2 is not supported: Lectern needs Qdrant 1.16.0 or newer (QDRANT_URL)" });
    expect(fake.requests.slice(start).filter((request) => request.path === "/")).toHaveLength(1);
    expect(fake.requests.slice(start).some((request) => request.path.startsWith("/collections"))).toBe(false);
  });

  it("stops start-up with that line (an unreachable Qdrant only delays indexing; an old one cannot work)", async () => {
    const saved = process.env.QDRANT_URL;
    process.env.QDRANT_URL = fake.url;
    resetConfigForTests();
    fake.version = "1.15.2";
    await expect(indexSampleBookIfEmpty()).rejects.toThrow(/^Qdrant 1\.15\.2 is not supported: Lectern needs Qdrant 1\.16\.0 or newer \(QDRANT_URL\)$/);
    if (saved === undefined) delete process.env.QDRANT_URL;
    else process.env.QDRANT_URL = saved;
    resetConfigForTests();
  });
});
