import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db";
import { queryRows } from "@/testing/query-rows";
import { runSteadyClient, steadyClientExpected } from "@/testing/rate-limit-schedule";
import { consumeRateLimit, databaseRateLimitStore, memoryRateLimitStore, pruneRateLimitRows, type RateLimitStore } from "./index";
import { memoryWindowsMax } from "./store";

const stores: Array<[string, () => RateLimitStore]> = [
  ["database", () => databaseRateLimitStore],
  ["memory", () => memoryRateLimitStore()],
];

describe.each(stores)("the %s store", (_name, storeOf) => {
  it("refuses past max with Retry-After seconds, per key", async () => {
    const store = storeOf();
    const key = `suite:${crypto.randomUUID()}`;
    const decisions = [];
    for (let attempt = 0; attempt < 3; attempt += 1) decisions.push(await store.consume({ key, windowSeconds: 30, max: 2 }));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(decisions[2]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[2]!.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect((await store.consume({ key: `${key}:other`, windowSeconds: 30, max: 2 })).allowed).toBe(true);
  });

  it("gives a refunded attempt back: a budget of failures is not spent by successes", async () => {
    const store = storeOf();
    const key = `suite:${crypto.randomUUID()}`;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await store.consume({ key, windowSeconds: 30, max: 2 })).allowed).toBe(true);
      await store.refund(key);
    }
    await store.consume({ key, windowSeconds: 30, max: 2 });
    await store.consume({ key, windowSeconds: 30, max: 2 });
    expect((await store.consume({ key, windowSeconds: 30, max: 2 })).allowed).toBe(false);
  });

  it("never refuses a client spaced under the limit, across several windows, and resets after a burst", async () => {
    expect(await runSteadyClient(storeOf(), `suite:${crypto.randomUUID()}`)).toEqual(steadyClientExpected);
  });
});

describe("the memory store's size", () => {
  it("keeps at most memoryWindowsMax windows: a flood of new subjects drops the least recently counted, not the busy ones", async () => {
    const store = memoryRateLimitStore();
    const rule = { windowSeconds: 60, max: 1 };
    await store.consume({ key: "busy", ...rule });
    await store.consume({ key: "quiet", ...rule });
    for (let index = 0; index < memoryWindowsMax - 1; index += 1) {
      if (index % 1000 === 0) await store.consume({ key: "busy", ...rule });
      await store.consume({ key: `flood:${index}`, ...rule });
    }
    expect((await store.consume({ key: "busy", ...rule })).allowed).toBe(false); // still counted
    expect((await store.consume({ key: "quiet", ...rule })).allowed).toBe(true); // dropped: a new window
  });
});

describe("the database store's table", () => {
  it("prunes counters idle for longer than any window", async () => {
    const key = `suite:${crypto.randomUUID()}`;
    await consumeRateLimit({ key, windowSeconds: 60, max: 5 });
    await (await database()).execute(sql`update rate_limit set last_request = last_request - ${2 * 86_400_000}::bigint where key = ${key}`);
    expect(await pruneRateLimitRows(Date.now() - 86_400_000)).toBeGreaterThanOrEqual(1);
    const [left] = await queryRows<{ n: number }>(sql`select count(*)::int as n from rate_limit where key = ${key}`);
    expect(left!.n).toBe(0);
  });

  it("opens a new window once the old one has passed", async () => {
    const key = `suite:${crypto.randomUUID()}`;
    await consumeRateLimit({ key, windowSeconds: 60, max: 1 });
    expect((await consumeRateLimit({ key, windowSeconds: 60, max: 1 })).allowed).toBe(false);
    await (await database()).execute(sql`update rate_limit set last_request = last_request - 61000 where key = ${key}`);
    expect((await consumeRateLimit({ key, windowSeconds: 60, max: 1 })).allowed).toBe(true);
  });
});
