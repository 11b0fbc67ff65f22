import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database, type Database } from "@/db";
import { auditEvent, contentChunk, insightsSignupTime, readingProgress, user } from "@/db/schema";
import { getAuth } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { insightsResponseSchema } from "@/lib/contract";
import { recordPersonalizationEvent, targetLevelsFor } from "@/lib/personalization";
import { updateBackground, writeBackground, type Background } from "@/lib/profile";
import { saveFeedback, type FeedbackReason } from "@/lib/reading";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";
import { readInsights, releaseInsightsNow } from ".";
import { measureInsights, measureQueryCohorts } from "./measure";

/**
 * The true figures a release is computed from (lib/insights/measure.ts) and the releases
 * themselves, on a real database, seeded through the real write paths: sign-up's sealed
 * background, personalization events, saveFeedback, reading marks (and their trigger).
 */
isolateBookDatabase();

const beginnerHardware: Background = { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "basic" };
const noContext = { ip: null, userAgent: null };

async function addReader(background: Background | null = beginnerHardware): Promise<string> {
  const id = randomUUID();
  await (await database()).insert(user).values({ id, name: "", email: `${id}@example.org` });
  if (background) await writeBackground(id, background);
  return id;
}

async function addReaders(count: number, background: Background | null = beginnerHardware): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) ids.push(await addReader(background));
  return ids;
}

function search(userId: string, background: Background | null, query: string, resultCount = 0) {
  recordPersonalizationEvent({
    userId,
    query,
    chapter: null,
    targetLevels: background ? targetLevelsFor(background) : null,
    engine: "postgres",
    resultCount,
    latencyMs: 3,
  });
}

const giveFeedback = (userId: string, background: Background, url: string, helpful: boolean, reason: FeedbackReason | null) =>
  saveFeedback(userId, targetLevelsFor(background), { url, helpful, ...(reason ? { reason } : {}) });

async function addChapter(chapter: string, urls: string[]) {
  await (await database()).insert(contentChunk).values(
    urls.map((url, position) => ({
      id: `${chapter}-${position}`,
      docId: `${chapter}/doc`,
      docHash: "h",
      position,
      chapter,
      section: url.includes("#") ? `Section ${position}` : "",
      title: `${chapter} doc`,
      url,
      level: "beginner",
      tracks: ["hardware"],
      body: "text",
    })),
  );
}

async function read(userId: string, urls: string[]) {
  await (await database()).insert(readingProgress).values(urls.map((url) => ({ userId, url, state: "read" as const, updatedAt: new Date() })));
}

const deleteAccount = async (userId: string) => (await (await getAuth()).$context).internalAdapter.deleteUser(userId);

async function measure() {
  const db: Database = await database();
  const { flushPendingWrites } = await import("@/db");
  await flushPendingWrites();
  return measureInsights(db);
}

beforeEach(async () => {
  await (
    await database()
  ).execute(sql`truncate "user", content_chunk, audit_event, insights_answer_count, insights_search, insights_search_cohort,
    insights_feedback_cohort, insights_signup_time, insights_release, personalization_event cascade`);
});

describe("readers by answer", () => {
  it("counts each answer from the sealed backgrounds' counters", async () => {
    await addReaders(6);
    await addReader({ ...beginnerHardware, hardware_knowledge: "advanced" });
    const { readers } = await measure();
    expect(readers.total).toBe(7);
    expect(readers.byAnswer.software_experience).toEqual({ beginner: 0, intermediate: 7, expert: 0 });
    expect(readers.byAnswer.hardware_knowledge).toEqual({ none: 0, basic: 6, intermediate: 0, advanced: 1 });
  });

  it("moves the counts when a reader changes an answer, and when an account is deleted", async () => {
    const [first] = await addReaders(7);
    await updateBackground(first!, { programming_background: "advanced" }, noContext);
    expect((await measure()).readers.byAnswer.programming_background).toEqual({ none: 0, basic: 6, intermediate: 0, advanced: 1 });
    await deleteAccount(first!);
    const { readers } = await measure();
    expect(readers.byAnswer.programming_background.advanced).toBe(0);
    expect(readers.total).toBe(6);
  });
});

describe("searches", () => {
  it("counts a reader once per query and track, and at most 3 of their searches of it, whatever the spelling", async () => {
    const readers = await addReaders(5);
    for (const reader of readers.slice(0, 4)) for (let time = 0; time < 5; time++) search(reader, beginnerHardware, "Gearbox backlash", 1);
    search(readers[4]!, beginnerHardware, "  gearbox   BACKLASH ", 1);
    const { searches } = await measure();
    expect(searches.queries).toEqual([{ query: "gearbox backlash", readers: 5, searches: 4 * 3 + 1, averageSum: 5 }]);
    // The total counts at most 20 searches a reader: 4 readers × 3 + 1.
    expect(searches.total).toBe(13);
    const cohorts = await measureQueryCohorts(await database(), ["gearbox backlash"]);
    expect(cohorts.get("gearbox backlash")).toEqual({ "hardware:beginner": 5, "software:intermediate": 5, "programming:beginner": 5 });
  });

  it("clips each reader's average results at 6, so one reader's flood cannot make a query look well answered", async () => {
    const [flooder, other] = await addReaders(2);
    search(flooder!, beginnerHardware, "servo jitter", 1000);
    search(other!, beginnerHardware, "servo jitter", 2);
    search(other!, beginnerHardware, "servo jitter", 1);
    expect((await measure()).searches.queries).toEqual([{ query: "servo jitter", readers: 2, searches: 3, averageSum: 6 + 1.5 }]);
  });

  it("no longer counts a deleted reader's search toward a query's readers, its counts by background, or its searches (issue 21, finding 9)", async () => {
    const readers = await addReaders(5);
    const advanced = await addReader({ ...beginnerHardware, hardware_knowledge: "advanced" });
    for (const reader of readers) search(reader, beginnerHardware, "shared question");
    search(advanced, { ...beginnerHardware, hardware_knowledge: "advanced" }, "shared question");
    search(readers[0]!, beginnerHardware, "shared question");
    await measure();
    await deleteAccount(readers[0]!);
    await deleteAccount(advanced);
    // The counters themselves, as the write paths keep them.
    const [stored] = await queryRows<{ readers: number; searches: number }>(sql`select readers, searches from insights_search where query = 'shared question'`);
    expect(stored).toEqual({ readers: 4, searches: 4 });
    const cohorts = await queryRows<{ cohort: string; readers: number }>(
      sql`select cohort, readers from insights_search_cohort where query = 'shared question' and readers > 0 order by cohort`,
    );
    expect(cohorts.map((row) => [row.cohort, row.readers])).toEqual([
      ["hardware:beginner", 4],
      ["programming:beginner", 4],
      ["software:intermediate", 4],
    ]);
    // …and what a release is computed from.
    expect((await measure()).searches.queries).toEqual([{ query: "shared question", readers: 4, searches: 4, averageSum: 0 }]);
  });

  it("forgets the text of a query only a deleted reader asked, keeping shared ones", async () => {
    const readers = await addReaders(5);
    for (const reader of readers) search(reader, beginnerHardware, "shared question");
    search(readers[0]!, beginnerHardware, "my unusual question");
    await measure();
    await deleteAccount(readers[0]!);
    const stored = await queryRows<{ query: string }>(sql`select query from insights_search union all select query from insights_search_cohort order by query`);
    expect(new Set(stored.map((row) => row.query))).toEqual(new Set(["shared question"]));
  });
});

describe("feedback per section", () => {
  it("counts helpful and not helpful, and reasons by background, following replaced answers and deleted readers", async () => {
    await addChapter("motors", ["/docs/motors/gears", "/docs/motors/gears#backlash"]);
    const readers = await addReaders(7);
    for (const reader of readers) await giveFeedback(reader, beginnerHardware, "/docs/motors/gears#backlash", false, "too_hard");
    await giveFeedback(readers[0]!, beginnerHardware, "/docs/motors/gears#backlash", true, null);
    await giveFeedback(readers[1]!, beginnerHardware, "/docs/motors/gears#backlash", false, "unclear");
    await deleteAccount(readers[2]!);
    const { feedback } = await measure();
    // Every section of the book is a row, answered or not (its url is the book's, not a reader's).
    expect(feedback.map((section) => section.url).sort()).toEqual(["/docs/motors/gears", "/docs/motors/gears#backlash"]);
    const section = feedback.find((row) => row.url === "/docs/motors/gears#backlash")!;
    expect(section).toMatchObject({ title: "motors doc: Section 1", helpful: 1, notHelpful: 5 });
    expect(section.reasons.too_hard?.["hardware:beginner"]).toBe(4);
    expect(section.reasons.unclear?.["hardware:beginner"]).toBe(1);
    expect(feedback.find((row) => row.url === "/docs/motors/gears")).toMatchObject({ helpful: 0, notHelpful: 0, reasons: {} });
  });
});

describe("chapters", () => {
  it("counts readers who started and who finished each chapter, in book order, following unmarks and deletions", async () => {
    await addChapter("basics", ["/docs/basics/a", "/docs/basics/a#one", "/docs/basics/b"]);
    await addChapter("motors", ["/docs/motors/m"]);
    const readers = await addReaders(12);
    for (const reader of readers.slice(0, 6)) await read(reader, ["/docs/basics/a", "/docs/basics/a#one", "/docs/basics/b"]);
    for (const reader of readers.slice(6, 11)) await read(reader, ["/docs/basics/a"]);
    await read(readers[11]!, ["/docs/motors/m"]);
    expect((await measure()).chapters).toEqual([
      { chapter: "basics", started: 11, finished: 6 },
      { chapter: "motors", started: 1, finished: 1 },
    ]);
    await (await database()).execute(sql`update reading_progress set state = 'unread' where user_id = ${readers[0]!} and url = '/docs/basics/b'`);
    await deleteAccount(readers[1]!);
    expect((await measure()).chapters[0]).toEqual({ chapter: "basics", started: 10, finished: 4 });
  });
});

describe("success criteria", () => {
  it("counts sign-up times in 10-second bins, first sign-ins and complete backgrounds", async () => {
    const db = await database();
    await db.insert(insightsSignupTime).values([30, 40, 45, 60, 200, 5000].map((seconds) => ({ seconds })));
    const readers = await addReaders(8);
    await addReaders(2, null);
    const start = Date.UTC(2026, 0, 1);
    for (const [index, reader] of readers.entries()) {
      const firstFails = index < 2;
      await db.insert(auditEvent).values([
        { userId: reader, event: firstFails ? "sign_in_failed" : "sign_in", occurredAt: new Date(start + index * 1000) },
        { userId: reader, event: firstFails ? "sign_in" : "sign_in_failed", occurredAt: new Date(start + 60_000 + index * 1000) },
      ]);
    }
    const { success } = await measure();
    expect(success).toMatchObject({ signInReaders: 8, signInSucceeded: 6, complete: 8 });
    const bins = Object.fromEntries(success.signupSecondsBins.flatMap((count, bin) => (count ? [[bin, count]] : [])));
    expect(bins).toEqual({ 3: 1, 4: 2, 6: 1, 20: 1, 60: 1 });
  });
});

describe("measuring opens nothing sealed", () => {
  it("gives the same figures under a key that opens no sealed value", async () => {
    await addChapter("motors", ["/docs/motors/gears"]);
    for (const reader of await addReaders(6)) {
      search(reader, beginnerHardware, "harmonic drive");
      await giveFeedback(reader, beginnerHardware, "/docs/motors/gears", false, "too_hard");
      await read(reader, ["/docs/motors/gears"]);
    }
    const before = await measure();
    const original = process.env.PROFILE_ENCRYPTION_KEY;
    process.env.PROFILE_ENCRYPTION_KEY = `other:${Buffer.alloc(32, 9).toString("base64")}`;
    resetConfigForTests();
    try {
      expect(await measure()).toEqual(before);
    } finally {
      process.env.PROFILE_ENCRYPTION_KEY = original;
      resetConfigForTests();
    }
  });
});

describe("releases", () => {
  it("answers every read of a period with the same stored release, and a new one only in the next period", async () => {
    await addReaders(40);
    const now = new Date("2026-12-07T10:00:00Z");
    const first = await readInsights(undefined, now);
    expect(insightsResponseSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({ released_at: now.toISOString(), next_release_at: "2026-12-08T00:00:00.000Z", epsilon: 1 });
    await addReaders(30);
    expect(await readInsights(undefined, new Date("2026-12-07T23:59:59Z"))).toEqual({ ...first });
    const next = await readInsights(undefined, new Date("2026-12-08T00:00:01Z"));
    expect(next.released_at).toBe("2026-12-08T00:00:01.000Z");
    // 70 readers now: a figure from a new count, with noise (|noise| ≥ 30 has odds under 10⁻³ at scale 4).
    expect(next.readers.total).toBeGreaterThan(40);
  });

  it("computes a new release when the stored one no longer fits the figures' shape", async () => {
    await addReaders(10);
    const now = new Date("2026-12-07T10:00:00Z");
    await queryRows(
      sql`insert into insights_release (period_start, released_at, epsilon, figures) values (${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, 1, '{"readers": 7}'::jsonb)`,
    );
    const answer = await readInsights(undefined, new Date("2026-12-07T11:00:00Z"));
    expect(insightsResponseSchema.parse(answer)).toEqual(answer);
    expect(answer.released_at).toBe("2026-12-07T11:00:00.000Z");
  });

  it("keeps one release per period when instances race to release it", async () => {
    await addReaders(10);
    const now = new Date("2026-12-07T10:00:00Z");
    const answers = await Promise.all([releaseInsightsNow(undefined, now), releaseInsightsNow(undefined, now), releaseInsightsNow(undefined, now)]);
    const [stored] = await queryRows<{ n: number }>(sql`select count(*)::int as n from insights_release`);
    expect(stored?.n).toBe(1);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});
