import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { QdrantClient } from "@qdrant/js-client-rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexBook } from "@/lib/content";
import type { Background } from "@/lib/profile/background";
import { createQdrantEngine, rankingQuery, type ContentEngine, type RankedChunk } from "@/lib/personalization";

/**
 * Live conformance: the same scenarios as the embedded engine, against a real Qdrant (>= 1.15.2
 * for server-side `qdrant/bm25`). Runs only when QDRANT_URL is set; uses a throwaway collection.
 */
const url = process.env.QDRANT_URL;
if (!url) console.warn("SKIPPED live Qdrant suite: set QDRANT_URL (and QDRANT_API_KEY if needed) to run it against a real Qdrant");

const newToHardware: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const hardwareExpert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };
const docOf = (chunk: RankedChunk) => chunk.url.split("#")[0];
const rankOf = (results: RankedChunk[], doc: string) => results.findIndex((chunk) => docOf(chunk) === doc);

describe.skipIf(!url)("Qdrant engine against a live Qdrant", () => {
  const collection = `lectern_live_${randomUUID().slice(0, 8)}`;
  const apiKey = process.env.QDRANT_API_KEY;
  let engine: ContentEngine;
  let book: string;

  beforeAll(async () => {
    book = mkdtempSync(path.join(tmpdir(), "lectern-live-"));
    cpSync(path.join(import.meta.dirname, "../content/fixtures/book"), book, { recursive: true });
    engine = createQdrantEngine({ url: url!, apiKey, collection, timeoutMs: 10_000 });
    await indexBook(book, engine);
  }, 120_000);

  afterAll(async () => {
    rmSync(book, { recursive: true, force: true });
    await new QdrantClient({ url: url!, apiKey, checkCompatibility: false }).deleteCollection(collection);
  });

  it("is ready and holds every chunk of the book", async () => {
    expect(await engine.status()).toEqual({ ok: true });
    expect(await engine.chunkCount()).toBe(10);
  });

  it("puts the beginner hardware chunk first for a reader new to hardware and the advanced one for an expert", async () => {
    const novice = await engine.search(rankingQuery({ q: "motor", limit: 10 }, newToHardware));
    const expert = await engine.search(rankingQuery({ q: "motor", limit: 10 }, hardwareExpert));
    expect(rankOf(novice, "/docs/motors/motors-for-beginners")).toBeLessThan(rankOf(novice, "/docs/motors/motor-control-internals"));
    expect(rankOf(expert, "/docs/motors/motor-control-internals")).toBeLessThan(rankOf(expert, "/docs/motors/motors-for-beginners"));
  });

  it("answers a guest unweighted and keeps results inside the chapter filter", async () => {
    const guest = await engine.search(rankingQuery({ q: "motor", limit: 10 }, null));
    expect(guest.length).toBeGreaterThan(0);
    const inChapter = await engine.search(rankingQuery({ chapter: "software", limit: 10 }, newToHardware));
    expect(inChapter.length).toBeGreaterThan(0);
    expect(inChapter.every((chunk) => chunk.chapter === "software")).toBe(true);
  });

  it("re-indexes idempotently and removes a deleted doc", async () => {
    expect(await indexBook(book, engine)).toMatchObject({ added: 0, changed: 0, removed: 0 });
    unlinkSync(path.join(book, "motors/choosing-gearboxes.md"));
    expect(await indexBook(book, engine)).toMatchObject({ removed: 1 });
    expect(await engine.chunkCount()).toBe(9);
  });
});
