import { afterAll, beforeAll } from "vitest";
import { createQdrantEngine, postgresEngine, type ContentEngine } from "@/lib/personalization";
import { startFakeQdrant, type FakeQdrant } from "./fake-qdrant";

export type EngineUnderTest = { name: string; engine: () => ContentEngine };

/**
 * Both content engines, for one suite of ranking scenarios (`describe.each(contentEnginesUnderTest(…))`):
 * Postgres on the file's test database (call `isolateBookDatabase()` first: the index is one book per
 * database), and Qdrant over real HTTP against testing/fake-qdrant.ts (a real Qdrant cannot run here;
 * the fake evaluates Qdrant's formulas but does not rank text, so scenarios that need text ranking
 * stay with the Postgres engine, and qdrant.live.test.ts checks them against a real Qdrant).
 */
export function contentEnginesUnderTest(collection: string): EngineUnderTest[] {
  let fake: FakeQdrant | undefined;
  let qdrant: ContentEngine | undefined;
  beforeAll(async () => {
    fake = await startFakeQdrant();
    qdrant = createQdrantEngine({ url: fake.url, collection, timeoutMs: 2000 });
  });
  afterAll(() => fake?.close());
  return [
    { name: "Postgres (full-text search on the test database)", engine: () => postgresEngine },
    { name: "Qdrant (the fake server)", engine: () => qdrant! },
  ];
}
