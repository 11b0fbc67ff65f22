import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { indexBook, readBook, sampleBookDocsDir } from "@/lib/content";
import type { Background } from "@/lib/contract";
import { metrics } from "@/lib/ops";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { personalize, postgresEngine, type ContentEngine } from "./index";
import { rankedCache } from "./ranked-cache";

/**
 * Rankings kept for a moment (ADR-0025): asked again, the same ranking query is answered
 * without the engine; another background, query or engine, a re-index, or time reaches the
 * engine again.
 */
isolateBookDatabase();

const docsDir = path.resolve(sampleBookDocsDir);
const novice: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
const expert: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };

/** `lectern_personalization_ranked_answers_total` for the Postgres engine, kept or searched. */
async function rankedAnswers(kept: boolean): Promise<number> {
  const metric = await metrics().registry.getSingleMetric("lectern_personalization_ranked_answers_total")?.get();
  return metric?.values.find((entry) => entry.labels.engine === postgresEngine.name && entry.labels.kept === String(kept))?.value ?? 0;
}

/** The Postgres engine, counting the searches that reach it. */
function countingEngine(): ContentEngine & { searches: number } {
  const engine = { ...postgresEngine, searches: 0 };
  engine.search = (query) => {
    engine.searches += 1;
    return postgresEngine.search(query);
  };
  return engine;
}

beforeAll(async () => {
  await indexBook(docsDir, postgresEngine);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("rankings kept for a moment", () => {
  it("answers the same ranking query again without the engine, with the same results", async () => {
    const engine = countingEngine();
    const reader = { userId: "kept-1", background: novice };
    const first = await personalize({ q: "motor torque", limit: 5 }, reader, engine);
    const again = await personalize({ q: "motor torque", limit: 5 }, { userId: "kept-2", background: novice }, engine);
    expect(engine.searches).toBe(1);
    expect(again.results).toEqual(first.results);
    expect(first.results.length).toBeGreaterThan(0);
  });

  it("asks the engine again for another background, another query, or another engine", async () => {
    const engine = countingEngine();
    await personalize({ q: "sensor fusion", limit: 5 }, { userId: "kept-3", background: novice }, engine);
    await personalize({ q: "sensor fusion", limit: 5 }, { userId: "kept-4", background: expert }, engine);
    await personalize({ q: "sensor fusion kalman", limit: 5 }, { userId: "kept-4", background: expert }, engine);
    expect(engine.searches).toBe(3);
    const other = countingEngine();
    await personalize({ q: "sensor fusion", limit: 5 }, { userId: "kept-3", background: novice }, other);
    expect(other.searches).toBe(1);
  });

  it("drops every kept ranking when the index is written", async () => {
    const engine = countingEngine();
    const ask = () => personalize({ limit: 50 }, null, engine);
    const before = await ask();
    const removed = readBook(docsDir).find((doc) => before.results.some((result) => result.url.startsWith(doc.chunks[0]!.url.split("#")[0]!)))!;
    await postgresEngine.removeDocs([removed.docId]);
    const after = await ask();
    expect(engine.searches).toBe(2);
    expect(after.results.length).toBeLessThan(before.results.length);
    await indexBook(docsDir, postgresEngine);
    expect((await ask()).results).toEqual(before.results);
    expect(engine.searches).toBe(3);
  });

  it("asks the engine again once a kept ranking is older than its time to live", async () => {
    const engine = countingEngine();
    vi.useFakeTimers({ toFake: ["Date"] });
    await personalize({ q: "balance", limit: 5 }, null, engine);
    vi.advanceTimersByTime(rankedCache.ttlMs - 1000);
    await personalize({ q: "balance", limit: 5 }, null, engine);
    expect(engine.searches).toBe(1);
    vi.advanceTimersByTime(2000);
    await personalize({ q: "balance", limit: 5 }, null, engine);
    expect(engine.searches).toBe(2);
  });

  it("counts each ranking on Lectern's metrics as kept or searched (the bench's hit rate)", async () => {
    const engine = countingEngine();
    const [keptBefore, searchedBefore] = [await rankedAnswers(true), await rankedAnswers(false)];
    await personalize({ q: "gear ratio", limit: 5 }, null, engine);
    await personalize({ q: "gear ratio", limit: 5 }, null, engine);
    await personalize({ q: "gear ratio", limit: 5 }, { userId: "kept-5", background: expert }, engine);
    expect(engine.searches).toBe(2);
    expect(await rankedAnswers(true)).toBe(keptBefore + 1);
    expect(await rankedAnswers(false)).toBe(searchedBefore + 2);
  });
});
