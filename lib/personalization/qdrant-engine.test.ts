import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { indexBook, readBook, type ContentChunk } from "@/lib/content";
import { ApiError } from "@/lib/http";
import type { Background } from "@/lib/contract";
import { boostFactor, createQdrantEngine, queryBody, rankingQuery, readFactor, type ContentEngine, type RankingQuery } from "@/lib/personalization";
import { hardwareExpert, newToHardware } from "@/testing/accounts";
import { evaluateFormula, startFakeQdrant, type FakeQdrant } from "@/testing/fake-qdrant";
import { loadQdrantValidation } from "@/testing/qdrant-schema";

/**
 * The Qdrant adapter over real HTTP against a fake Qdrant (testing/fake-qdrant.ts), so these
 * run everywhere; what we can prove here is that every body we send is valid for Qdrant v1.19's
 * API, that the formula
 * encodes the same weight table as the embedded engine, and how failures are handled. The
 * ranking scenarios both engines share run in ranking-engines.int.test.ts (on this fake too); the
 * live suite (qdrant.live.test.ts) checks real ranking when QDRANT_URL is set.
 */
const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");
const sampleBook = path.join(import.meta.dirname, "../../examples/docusaurus-book/docs");
const validation = loadQdrantValidation();
const schemaMissing = "missing" in validation ? validation.missing : null;
if (schemaMissing) console.warn(`SKIPPED schema checks: ${schemaMissing}`);

const backgrounds: Background[] = [
  newToHardware,
  hardwareExpert,
  { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "advanced" },
  { software_experience: "expert", programming_background: "intermediate", hardware_knowledge: "none" },
];

let fake: FakeQdrant;
let book: string;
beforeAll(async () => {
  fake = await startFakeQdrant();
});
afterAll(() => fake.close());
beforeEach(() => {
  book = mkdtempSync(path.join(tmpdir(), "lectern-qdrant-"));
  cpSync(fixtureBook, book, { recursive: true });
});
afterEach(() => rmSync(book, { recursive: true, force: true }));

let collections = 0;
type EngineOptions = { embeddings?: boolean | string; timeoutMs?: number; url?: string; collection?: string };
function engineFor(options: EngineOptions = {}): { engine: ContentEngine; collection: string } {
  const collection = options.collection ?? `book_${++collections}`;
  const model = typeof options.embeddings === "string" ? options.embeddings : "test-embedding";
  const engine = createQdrantEngine({
    url: options.url ?? fake.url,
    collection,
    timeoutMs: options.timeoutMs ?? 2000,
    batchSize: 4,
    embeddings: options.embeddings ? { url: `${fake.url}/v1`, model } : undefined,
  });
  return { engine, collection };
}

const scenarios = (chapter: string | undefined): RankingQuery[] => [
  ...[newToHardware, hardwareExpert, null].flatMap((background) => ["motor", undefined].map((q) => rankingQuery({ q, chapter, limit: 10 }, background))),
  // A reader with read sections, with and without a background (the read row of the weight table).
  ...[newToHardware, null].flatMap((background) =>
    ["motor", undefined].map((q) => rankingQuery({ q, chapter, limit: 10 }, background, ["/docs/motors/motors-for-beginners"])),
  ),
];

function expectEveryRequestValid(requests: FakeQdrant["requests"]) {
  if ("missing" in validation) return;
  for (const request of requests.filter((item) => item.path.startsWith("/collections"))) {
    const label = `${request.method} ${request.path} ${JSON.stringify(request.body)?.slice(0, 300)}`;
    expect(validation.requestErrors(request.method, request.path, request.query, request.body), label).toEqual([]);
    expect(validation.responseErrors(request.method, request.path, request.response), `fake's answer to ${label}`).toEqual([]);
  }
}

const operationsOf = (requests: FakeQdrant["requests"]) =>
  "missing" in validation ? [] : [...new Set(requests.map((request) => validation.operationFor(request.method, request.path)?.id))];

describe.skipIf(schemaMissing)("Qdrant request bodies against Qdrant's v1.19 OpenAPI schema", () => {
  it("validates collection, payload index, upsert, scroll, delete-by-filter, count and query bodies", async () => {
    const { engine } = engineFor();
    const start = fake.requests.length;
    await indexBook(book, engine);
    writeFileSync(path.join(book, "software/first-script.md"), "---\nlevel: intermediate\ntracks: [software]\n---\n\n## Reading input\n\nRead a number.\n");
    unlinkSync(path.join(book, "motors/choosing-gearboxes.md"));
    await indexBook(book, engine);
    for (const query of [...scenarios(undefined), ...scenarios("motors")]) await engine.search(query);
    await engine.chunkCount();
    await engine.status();

    const sent = fake.requests.slice(start);
    expect(operationsOf(sent)).toEqual(
      expect.arrayContaining([
        "collection_exists",
        "create_collection",
        "create_field_index",
        "upsert_points",
        "scroll_points",
        "delete_points",
        "query_points",
        "count_points",
      ]),
    );
    expectEveryRequestValid(sent);
  });

  it("validates the hybrid bodies when embeddings are configured (dense vector + BM25, fused by RRF)", async () => {
    const { engine } = engineFor({ embeddings: true });
    const start = fake.requests.length;
    await indexBook(book, engine);
    for (const query of scenarios("motors")) await engine.search(query);
    const sent = fake.requests.slice(start);
    expectEveryRequestValid(sent);

    const create = sent.find((request) => request.method === "PUT" && /^\/collections\/[^/]+$/.test(request.path))!;
    expect(create.body).toEqual({ sparse_vectors: { bm25: { modifier: "idf" } }, vectors: { dense: { size: fake.embeddingSize, distance: "Cosine" } } });
    const upsert = sent.find((request) => request.path.endsWith("/points") && request.method === "PUT")!;
    expect((upsert.body as any).points[0].vector.dense).toHaveLength(fake.embeddingSize);
    const hybrid = sent.find((request) => request.path.endsWith("/points/query") && JSON.stringify(request.body).includes('"rrf"'))!;
    const fused = (hybrid.body as any).prefetch[0];
    expect(fused.query).toEqual({ rrf: { k: 10 } });
    expect(fused.prefetch.map((source: { using: string }) => source.using)).toEqual(["bm25", "dense"]);
  });

  it("rejects a body Qdrant would not accept (the check can fail)", () => {
    if ("missing" in validation) return;
    const body = queryBody(rankingQuery({ q: "motor", limit: 10 }, newToHardware), { dense: null, candidates: 50 }) as any;
    body.query.formula.summ = body.query.formula.mult;
    delete body.query.formula.mult;
    expect(validation.requestErrors("POST", "/collections/book/points/query", {}, body)).not.toEqual([]);
    expect(validation.requestErrors("PUT", "/collections/book", {}, { sparse_vectors: { bm25: { modifier: "bm42" } } })).not.toEqual([]);
  });
});

describe("the Qdrant collection and points", () => {
  it("creates a sparse BM25 collection with the IDF modifier and payload indexes on the filtered keys", async () => {
    const { engine } = engineFor();
    const start = fake.requests.length;
    await indexBook(book, engine);
    const sent = fake.requests.slice(start);
    const create = sent.find((request) => request.method === "PUT" && /^\/collections\/[^/]+$/.test(request.path))!;
    expect(create.body).toEqual({ sparse_vectors: { bm25: { modifier: "idf" } } });
    const indexed = sent.filter((request) => request.path.endsWith("/index")).map((request) => (request.body as any).field_name);
    expect(indexed).toEqual(expect.arrayContaining(["chapter", "level", "tracks", "doc_id"]));
  });

  it("upserts in batches, with server-side BM25 documents and stable UUID ids", async () => {
    const { engine, collection } = engineFor();
    const start = fake.requests.length;
    await indexBook(book, engine);
    const upserts = fake.requests.slice(start).filter((request) => request.method === "PUT" && request.path.endsWith("/points"));
    expect(upserts.length).toBeGreaterThan(1);
    expect(upserts.every((request) => (request.body as any).points.length <= 4)).toBe(true);
    const expectedIds = readBook(book)
      .flatMap((doc) => doc.chunks.map((chunk) => chunk.id))
      .sort();
    expect(
      fake
        .points(collection)
        .map((point) => point.id)
        .sort(),
    ).toEqual(expectedIds);
    const vector = (fake.points(collection)[0]!.vector as any).bm25;
    expect(vector).toMatchObject({ model: "qdrant/bm25" });
  });

  it("re-indexes idempotently: nothing is written the second time, a deleted doc is removed by filter", async () => {
    const { engine, collection } = engineFor();
    await indexBook(book, engine);
    const start = fake.requests.length;
    expect(await indexBook(book, engine)).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 6 });
    expect(fake.requests.slice(start).some((request) => request.method === "PUT" || request.path.endsWith("/delete"))).toBe(false);

    unlinkSync(path.join(book, "motors/choosing-gearboxes.md"));
    expect(await indexBook(book, engine)).toMatchObject({ removed: 1 });
    expect(fake.points(collection).some((point) => point.payload.doc_id === "motors/choosing-gearboxes")).toBe(false);
  });
});

describe("an existing Qdrant collection", () => {
  const queriesSent = (start: number) => fake.requests.slice(start).filter((request) => request.path.endsWith("/points/query"));

  it("refuses to index with embeddings into a collection created without dense vectors, naming it and the fix", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection }).engine);
    const failure = await indexBook(book, engineFor({ collection, embeddings: true }).engine).catch((error: unknown) => error);
    expect((failure as Error).message).toBe(
      `collection ${collection} was created without dense vectors but EMBEDDINGS_URL is set; delete it or set QDRANT_COLLECTION to a new name and re-index`,
    );
  });

  it("refuses a collection whose dense size differs from the embeddings model's", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection, embeddings: true }).engine);
    fake.embeddingSize = 12;
    const failure = await indexBook(book, engineFor({ collection, embeddings: true }).engine)
      .catch((error: unknown) => error)
      .finally(() => {
        fake.embeddingSize = 8;
      });
    expect((failure as Error).message).toMatch(new RegExp(`^collection ${collection} has dense vectors of size 8 but the embeddings model gives 12;`));
  });

  it("searches lexically (no dense prefetch) when embeddings are on but the collection has no dense vector", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection }).engine);
    const start = fake.requests.length;
    const results = await engineFor({ collection, embeddings: true }).engine.search(rankingQuery({ q: "motor", limit: 5 }, newToHardware));
    expect(results.length).toBeGreaterThan(0);
    expect(queriesSent(start)).toHaveLength(1);
    expect(JSON.stringify(queriesSent(start)[0]!.body)).not.toContain('"dense"');
    expectEveryRequestValid(fake.requests.slice(start));
  });

  it("still prefetches dense when the collection has it", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection, embeddings: true }).engine);
    const start = fake.requests.length;
    await engineFor({ collection, embeddings: true }).engine.search(rankingQuery({ q: "motor", limit: 5 }, null));
    expect(JSON.stringify(queriesSent(start)[0]!.body)).toContain('"using":"dense"');
  });

  it("rewrites every doc when the embeddings model changes", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection, embeddings: "model-a" }).engine);
    const again = engineFor({ collection, embeddings: "model-b" }).engine;
    expect(await indexBook(book, again)).toMatchObject({ changed: 6, unchanged: 0 });
    expect(fake.points(collection).every((point) => point.payload.embeddings_model === "model-b")).toBe(true);
    expect(await indexBook(book, again)).toMatchObject({ changed: 0, unchanged: 6 });
  });

  it("rewrites a doc whose points carry two hashes (an interrupted re-index left stale chunks)", async () => {
    const { engine, collection } = engineFor();
    await indexBook(book, engine);
    const docId = readBook(book).find((doc) => doc.chunks.length > 1)!.docId;
    const leftover = fake.points(collection).find((point) => point.payload.doc_id === docId)!;
    leftover.payload.doc_hash = "hash-of-an-older-version";
    expect((await engine.indexedDocs()).get(docId)).toBe("stale: rewrite");
    expect(await indexBook(book, engine)).toMatchObject({ changed: 1, unchanged: 5 });
    expect(new Set(fake.points(collection).map((point) => point.payload.doc_hash)).has("hash-of-an-older-version")).toBe(false);
  });

  it("rewrites docs whose points predate book_place, so a guest's list in the book's order leaves none out", async () => {
    const { engine, collection } = engineFor();
    await indexBook(book, engine);
    for (const point of fake.points(collection)) delete point.payload.book_place;
    expect(await indexBook(book, engine)).toMatchObject({ changed: 6, unchanged: 0 });
    const chunks = readBook(book).reduce((sum, doc) => sum + doc.chunks.length, 0);
    expect(await engine.search(rankingQuery({ limit: 50 }, null))).toHaveLength(chunks);
  });

  it("adds payload indexes that a partial first run left out", async () => {
    const { collection } = engineFor();
    await indexBook(book, engineFor({ collection }).engine);
    const start = fake.requests.length;
    await engineFor({ collection }).engine.indexedDocs();
    const indexed = fake.requests
      .slice(start)
      .filter((request) => request.path.endsWith("/index"))
      .map((request) => (request.body as any).field_name);
    expect(indexed.sort()).toEqual(["book_place", "chapter", "confidence", "doc_hash", "doc_id", "level", "tracks"]);
  });

  it("gives writes the write deadline, not the 2 s search timeout per request", async () => {
    const { engine } = engineFor({ timeoutMs: 300 });
    await indexBook(book, engine);
    fake.delayMs = 500;
    const removing = engine.removeDocs(["motors/choosing-gearboxes"]).finally(() => {
      fake.delayMs = 0;
    });
    await expect(removing).resolves.toBeUndefined();
  });
});

function payloadOf(chunk: ContentChunk) {
  return { url: chunk.url, level: chunk.level, tracks: chunk.tracks, confidence: chunk.confidence };
}

describe("the formula Qdrant is sent (its request body, over the whole sample book)", () => {
  const chunks = readBook(sampleBook).flatMap((doc) => doc.chunks);

  it("encodes exactly the weight table: the formula's factor equals the embedded engine's for every chunk and background", () => {
    for (const background of backgrounds) {
      const query = rankingQuery({ q: "motor", limit: 10 }, background);
      const body = queryBody(query, { dense: null, candidates: 50 }) as any;
      for (const chunk of chunks) {
        const factor = evaluateFormula(body.query.formula, payloadOf(chunk), body.query.defaults, 1);
        expect(factor, `${chunk.url} for ${JSON.stringify(background)}`).toBeCloseTo(boostFactor(chunk, query.boosts), 10);
      }
    }
  });

  it("encodes the read row too: with read sections the factor equals the embedded engine's boosts times the read factor", () => {
    const readUrls = chunks.filter((_, index) => index % 3 === 0).map((chunk) => chunk.url);
    for (const background of [...backgrounds, null]) {
      for (const q of ["motor", undefined]) {
        const query = rankingQuery({ q, limit: 10 }, background, readUrls);
        const body = queryBody(query, { dense: null, candidates: 50 }) as any;
        const formula = q ? body.query.formula.mult[1] : body.query.formula;
        for (const chunk of chunks) {
          const expected = boostFactor(chunk, query.boosts) * readFactor(chunk, new Set(readUrls));
          expect(evaluateFormula(formula, payloadOf(chunk), body.query.defaults, 1), `${chunk.url} for ${JSON.stringify(background)}`).toBeCloseTo(
            expected,
            10,
          );
        }
      }
    }
  });

  it("sends a guest's query unweighted: RRF over the BM25 prefetch, no formula", () => {
    const body = queryBody(rankingQuery({ q: "motor", limit: 10 }, null), { dense: null, candidates: 50 }) as any;
    expect(JSON.stringify(body)).not.toContain("formula");
    expect(body.query).toEqual({ rrf: { k: 10 } });
    expect(body.prefetch[0]).toMatchObject({ query: { text: "motor", model: "qdrant/bm25" }, using: "bm25" });
  });

  it("applies the chapter as a hard filter on every prefetch", () => {
    const body = queryBody(rankingQuery({ q: "motor", chapter: "motors", limit: 10 }, newToHardware), { dense: [0.1, 0.2], candidates: 50 }) as any;
    const sources = body.prefetch[0].prefetch;
    expect(sources).toHaveLength(2);
    for (const source of sources) expect(source.filter).toEqual({ must: [{ key: "chapter", match: { value: "motors" } }] });
  });
});

/**
 * A failure answers within one timeout budget however many retries it took. Bounds are ratios of
 * the budget with most of a budget to spare, so a busy machine cannot fail them, while a retry that
 * got a fresh budget (two budgets or more in all) still would; a 5 s Retry-After honoured would too.
 */
const withinOneBudget = (budgetMs: number) => 1.9 * budgetMs;

describe("Qdrant failures", () => {
  it("retries a 503 and a 429 with backoff, then answers", async () => {
    const { engine } = engineFor();
    await indexBook(book, engine);
    fake.failNext(503, 1);
    const start = fake.requests.length;
    await engine.search(rankingQuery({ q: "motor", limit: 5 }, newToHardware));
    fake.failNext(429, 1);
    await engine.search(rankingQuery({ q: "motor", limit: 5 }, newToHardware));
    expect(fake.requests.slice(start).filter((request) => request.path.endsWith("/points/query"))).toHaveLength(4);
  });

  it("honours a 429's Retry-After, and gives up at once when that wait would pass the timeout", async () => {
    const { engine } = engineFor({ timeoutMs: 600 });
    await indexBook(book, engine);
    fake.failNext(429, 1, { "retry-after": "5" });
    const start = fake.requests.length;
    const started = performance.now();
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, null))).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
    expect(performance.now() - started).toBeLessThan(withinOneBudget(600));
    expect(fake.requests.slice(start)).toHaveLength(1);
  });

  it("does not retry a request Qdrant rejects as invalid, and reports it as our error", async () => {
    const { engine } = engineFor();
    await indexBook(book, engine);
    fake.failNext(400, 1);
    const start = fake.requests.length;
    const failure = await engine.search(rankingQuery({ q: "motor", limit: 5 }, null)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("INTERNAL_ERROR");
    expect(fake.requests.slice(start)).toHaveLength(1);
  });

  it("answers SEARCH_UNAVAILABLE (503) within the timeout when Qdrant keeps failing", async () => {
    const { engine } = engineFor({ timeoutMs: 1000 });
    await indexBook(book, engine);
    fake.failNext(502, 100);
    const started = performance.now();
    const failure = await engine.search(rankingQuery({ q: "motor", limit: 5 }, null)).catch((error: unknown) => error);
    fake.failNext(0, 0);
    expect(failure).toMatchObject({ code: "SEARCH_UNAVAILABLE", status: 503 });
    expect(performance.now() - started).toBeLessThan(withinOneBudget(1000));
  });

  it("answers SEARCH_UNAVAILABLE within the timeout when Qdrant does not answer at all", async () => {
    const { engine } = engineFor({ timeoutMs: 800 });
    await indexBook(book, engine);
    fake.hang = true;
    const started = performance.now();
    const failure = await engine.search(rankingQuery({ q: "motor", limit: 5 }, null)).catch((error: unknown) => error);
    fake.hang = false;
    expect(failure).toMatchObject({ code: "SEARCH_UNAVAILABLE", status: 503 });
    expect(performance.now() - started).toBeLessThan(withinOneBudget(800));
  });

  it("keeps one deadline across retries: a 503 that comes late gets no fresh full timeout for the retry", async () => {
    const { engine } = engineFor({ timeoutMs: 1000 });
    fake.delayMs = 700;
    fake.failNext(503, 100);
    const start = fake.requests.length;
    const started = performance.now();
    const failure = await engine.search(rankingQuery({ q: "motor", limit: 5 }, null)).catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    fake.delayMs = 0;
    fake.failNext(0, 0);
    expect(failure).toMatchObject({ code: "SEARCH_UNAVAILABLE", status: 503 });
    expect(elapsed).toBeLessThan(withinOneBudget(1000));
    expect(fake.requests.slice(start).length).toBeGreaterThan(1); // it did retry, within the budget
  });

  it("counts the time spent on the query's embedding against the same timeout", async () => {
    const { engine } = engineFor({ timeoutMs: 1000, embeddings: true });
    fake.delayMs = 700;
    fake.failNext(503, 100);
    const started = performance.now();
    const failure = await engine.search(rankingQuery({ q: "motor", limit: 5 }, null)).catch((error: unknown) => error);
    const elapsed = performance.now() - started;
    fake.delayMs = 0;
    fake.failNext(0, 0);
    expect(failure).toMatchObject({ code: "SEARCH_UNAVAILABLE", status: 503 });
    expect(elapsed).toBeLessThan(withinOneBudget(1000));
  });

  it("searches lexically when the embeddings service is too slow, within the timeout", async () => {
    const { engine, collection } = engineFor();
    await indexBook(book, engine);
    const slowEmbeddings = await startFakeQdrant();
    slowEmbeddings.delayMs = 5000;
    const searching = createQdrantEngine({
      url: fake.url,
      collection,
      timeoutMs: 1000,
      embeddings: { url: `${slowEmbeddings.url}/v1`, model: "test-embedding" },
    });
    const started = performance.now();
    const results = await searching.search(rankingQuery({ q: "motor", limit: 5 }, null)).finally(() => slowEmbeddings.close());
    expect(performance.now() - started).toBeLessThan(withinOneBudget(1000));
    expect(results.length).toBeGreaterThan(0);
  });

  it("answers SEARCH_UNAVAILABLE when nothing listens at QDRANT_URL, and reports not ready", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { engine } = engineFor({ url: `http://127.0.0.1:${port}`, timeoutMs: 600 });
    const started = performance.now();
    await expect(engine.search(rankingQuery({ q: "motor", limit: 5 }, null))).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
    expect(performance.now() - started).toBeLessThan(withinOneBudget(600));
    await expect(engine.status()).rejects.toMatchObject({ code: "SEARCH_UNAVAILABLE" });
  });
});
