import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db";
import { user } from "@/db/schema";
import { queryRows } from "@/testing/query-rows";
import { eventBatch, flushPersonalizationEvents, recordPersonalizationEvent } from "./index";

/**
 * Personalization events are held back and written in batches (ADR-0025). What lands must be
 * what one write per answer gave: every event, and the authors' counters with each reader
 * counted once per query and per track, however the batch splits.
 */
async function newReader(): Promise<string> {
  const id = randomUUID();
  await (await database()).insert(user).values({ id, name: "", email: `${id}@example.org` });
  return id;
}

const beginner = { software: "beginner", programming: "beginner", hardware: "beginner" } as const;
const expertHardware = { software: "beginner", programming: "beginner", hardware: "advanced" } as const;

function search(userId: string | null, query: string, targetLevels: typeof beginner | typeof expertHardware | null = beginner, resultCount = 2) {
  recordPersonalizationEvent({ userId, query, chapter: null, targetLevels, engine: "postgres", resultCount, latencyMs: 1 });
}

const eventsOf = async (query: string) =>
  (await queryRows<{ n: number }>(sql`select count(*)::int as n from personalization_event where query = ${query}`))[0]!.n;
const counterOf = (query: string) =>
  queryRows<{ searches: number; results: number; readers: number }>(
    sql`select searches, results::int as results, readers from insights_search where query = ${query}`,
  );
const cohortsOf = async (query: string) =>
  Object.fromEntries(
    (await queryRows<{ cohort: string; readers: number }>(sql`select cohort, readers from insights_search_cohort where query = ${query}`)).map((row) => [
      row.cohort,
      row.readers,
    ]),
  );

describe("personalization events, written in batches", () => {
  it("writes a batch on its own within its wait, without anyone flushing", async () => {
    const reader = await newReader();
    const query = `servo ${randomUUID()}`;
    search(reader, query);
    expect(await eventsOf(query)).toBe(0);
    await expect.poll(() => eventsOf(query), { timeout: eventBatch.maxWaitMs * 10, interval: 20 }).toBe(1);
  });

  it("counts a batch as one write per answer would: readers once per query and per track", async () => {
    const [first, second, third] = [await newReader(), await newReader(), await newReader()];
    const query = `Gear Ratio ${randomUUID()}`;
    search(first!, query, beginner, 2);
    search(first!, `  ${query.toLowerCase()} `, beginner, 4); // the same query, folded
    search(second!, query, beginner, 0);
    search(third!, query, expertHardware, 6);
    search(null, query, null, 9); // a guest's: stored without query, never counted
    await flushPersonalizationEvents();
    const folded = query.toLowerCase();
    expect(await counterOf(folded)).toEqual([{ searches: 4, results: 12, readers: 3 }]);
    expect(await cohortsOf(folded)).toEqual({ "software:beginner": 3, "programming:beginner": 3, "hardware:beginner": 2, "hardware:advanced": 1 });
    // A later batch adds to the same counters, and a reader already counted stays counted once.
    search(first!, query, beginner, 1);
    await flushPersonalizationEvents();
    expect(await counterOf(folded)).toEqual([{ searches: 5, results: 13, readers: 3 }]);
  });

  it("writes more events than one batch holds, every one of them", async () => {
    const reader = await newReader();
    const query = `many ${randomUUID()}`;
    const count = eventBatch.maxEvents * 2 + 3;
    for (let index = 0; index < count; index++) search(reader, query);
    await flushPersonalizationEvents();
    expect(await eventsOf(query)).toBe(count);
    expect(await counterOf(query)).toEqual([{ searches: count, results: 2 * count, readers: 1 }]);
  });

  it("keeps the other events of a batch when one cannot be written", async () => {
    const kept = await newReader();
    const query = `kept ${randomUUID()}`;
    search(kept, query);
    search(`gone-${randomUUID()}`, query); // no such user: its counter row breaks the batch's transaction
    search(kept, `${query} again`);
    await flushPersonalizationEvents();
    expect(await eventsOf(query)).toBe(1);
    expect(await eventsOf(`${query} again`)).toBe(1);
    expect(await counterOf(query)).toEqual([{ searches: 1, results: 2, readers: 1 }]);
  });
});
