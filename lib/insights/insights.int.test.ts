import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "@/db";
import { auditEvent, contentChunk, insightsSignupTime, readingProgress, sectionFeedback, user } from "@/db/schema";
import { getAuth } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { recordPersonalizationEvent, targetLevelsFor } from "@/lib/personalization";
import { encryptText, updateBackground, writeBackground, type Background } from "@/lib/profile";
import { saveFeedback } from "@/lib/reading";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { countFeedbackChange, minimumCount, readInsights } from ".";

/**
 * The authors' aggregates on a real database, seeded through the real write paths where they
 * exist (sign-up's sealed background, personalization events) and directly where the book's
 * routes write (feedback, progress), as the feedback route does: sealed row + counter move.
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

async function search(userId: string, background: Background | null, query: string, resultCount = 0) {
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

/** What PUT /api/v1/feedback stores: the row with sealed target levels, and the counters moved. */
async function giveFeedback(userId: string, background: Background, url: string, helpful: boolean, reason: string | null) {
  const db = await database();
  const targetLevels = targetLevelsFor(background);
  const [previous] = await db
    .execute<{ reason: string | null }>(sql`select reason from section_feedback where user_id = ${userId} and url = ${url}`)
    .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { reason: string | null }[] }).rows));
  await db
    .insert(sectionFeedback)
    .values({ userId, url, helpful, reason: reason as "too_hard" | null, targetLevelsSealed: encryptText(JSON.stringify(targetLevels)) })
    .onConflictDoUpdate({ target: [sectionFeedback.userId, sectionFeedback.url], set: { helpful, reason: reason as "too_hard" | null } });
  await countFeedbackChange(db, url, previous ? { reason: previous.reason, targetLevels } : null, { reason, targetLevels });
}

async function addChapter(chapter: string, urls: string[]) {
  const db = await database();
  await db.insert(contentChunk).values(
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

beforeEach(async () => {
  const db = await database();
  await db.execute(sql`truncate "user", content_chunk, audit_event, insights_answer_count, insights_search, insights_search_cohort,
    insights_feedback_cohort, insights_signup_time, personalization_event cascade`);
});

/** Every number in the answer that counts readers or searches; each must be null or at least 5. */
function counts(value: unknown, key = ""): number[] {
  if (typeof value === "number")
    return ["avg_results", "signup_seconds_median", "first_signin_success_rate", "background_completion_rate"].includes(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => counts(item));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([name, item]) => counts(item, name));
  return [];
}

describe("readers by answer", () => {
  it("counts each answer from the sealed backgrounds' counters and hides counts under five", async () => {
    await addReaders(6);
    await addReader({ ...beginnerHardware, hardware_knowledge: "advanced" });
    const { readers } = await readInsights();
    expect(readers.total).toBe(7);
    expect(readers.by_answer.software_experience).toEqual({ beginner: null, intermediate: 7, expert: null });
    expect(readers.by_answer.hardware_knowledge).toEqual({ none: null, basic: 6, intermediate: null, advanced: null });
  });

  it("moves the counts when a reader changes an answer, and when an account is deleted", async () => {
    const [first] = await addReaders(7);
    await updateBackground(first!, { programming_background: "advanced" }, noContext);
    expect((await readInsights()).readers.by_answer.programming_background).toEqual({ none: null, basic: 6, intermediate: null, advanced: null });
    const auth = await getAuth();
    await (await auth.$context).internalAdapter.deleteUser(first!);
    const [row] = await (
      await database()
    )
      .execute<{ readers: number }>(sql`select readers from insights_answer_count where question = 'programming_background' and answer = 'advanced'`)
      .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { readers: number }[] }).rows));
    expect(row?.readers).toBe(0);
    expect((await readInsights()).readers.total).toBe(6);
  });
});

describe("weak searches", () => {
  it("shows a query's text only once five different readers asked it", async () => {
    const readers = await addReaders(5);
    for (const reader of readers.slice(0, 4)) for (let time = 0; time < 3; time++) await search(reader, beginnerHardware, "Gearbox backlash");
    expect((await readInsights()).searches.weak).toEqual([]);
    await search(readers[4]!, beginnerHardware, "  gearbox   BACKLASH ");
    const { searches } = await readInsights();
    expect(searches.total).toBe(13);
    expect(searches.weak).toHaveLength(1);
    expect(searches.weak[0]).toMatchObject({ query: "gearbox backlash", searches: 13, readers: 5, avg_results: 0 });
    expect(searches.weak[0]!.by_background).toMatchObject({
      "hardware:beginner": 5,
      "hardware:advanced": null,
      "software:intermediate": 5,
      "programming:beginner": 5,
    });
  });

  it("forgets the text of a query only a deleted reader asked, keeping shared ones", async () => {
    const readers = await addReaders(5);
    for (const reader of readers) await search(reader, beginnerHardware, "shared question");
    await search(readers[0]!, beginnerHardware, "my unusual question");
    await (await (await getAuth()).$context).internalAdapter.deleteUser(readers[0]!);
    const stored = await (
      await database()
    )
      .execute<{ query: string; readers: number }>(sql`select query, readers from insights_search order by query`)
      .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { query: string; readers: number }[] }).rows));
    expect(stored.map((row) => [row.query, row.readers])).toEqual([["shared question", 5]]);
  });

  it("lists only queries under three results on average, most searched first", async () => {
    const readers = await addReaders(6);
    for (const reader of readers) {
      await search(reader, beginnerHardware, "servo jitter", 1);
      await search(reader, beginnerHardware, "servo jitter", 2);
      await search(reader, beginnerHardware, "pid tuning", 2);
      await search(reader, beginnerHardware, "motor", 10);
    }
    const { weak } = (await readInsights()).searches;
    expect(weak.map((row) => [row.query, row.searches, row.avg_results])).toEqual([
      ["servo jitter", 12, 1.5],
      ["pid tuning", 6, 2],
    ]);
  });
});

describe("feedback per section", () => {
  it("counts helpful and not helpful, and reasons by background, following replaced answers", async () => {
    await addChapter("motors", ["/docs/motors/gears", "/docs/motors/gears#backlash"]);
    const readers = await addReaders(7);
    for (const reader of readers) await giveFeedback(reader, beginnerHardware, "/docs/motors/gears#backlash", false, "too_hard");
    await giveFeedback(readers[0]!, beginnerHardware, "/docs/motors/gears#backlash", true, null);
    await giveFeedback(readers[1]!, beginnerHardware, "/docs/motors/gears#backlash", false, "unclear");
    const [section] = (await readInsights()).feedback;
    expect(section).toMatchObject({
      url: "/docs/motors/gears#backlash",
      title: "motors doc: Section 1",
      helpful: null,
      not_helpful: 6,
    });
    expect(section!.reasons.too_hard["hardware:beginner"]).toBe(5);
    expect(section!.reasons.unclear["hardware:beginner"]).toBeNull();
    expect(Object.keys(section!.reasons)).toEqual(["too_hard", "too_easy", "unclear", "outdated", "other"]);
  });

  it("follows the feedback route's own writes: a replaced answer moves, a deleted reader leaves", async () => {
    const readers = await addReaders(6);
    const levels = targetLevelsFor(beginnerHardware);
    for (const reader of readers) await saveFeedback(reader, levels, { url: "/docs/y", helpful: false, reason: "unclear" });
    await saveFeedback(readers[0]!, levels, { url: "/docs/y", helpful: false, reason: "too_hard" });
    const reasons = async () => (await readInsights()).feedback[0]?.reasons;
    expect((await reasons())?.unclear["hardware:beginner"]).toBe(5);
    await (await (await getAuth()).$context).internalAdapter.deleteUser(readers[1]!);
    const [row] = await (
      await database()
    )
      .execute<{ readers: number }>(
        sql`select readers from insights_feedback_cohort where url = '/docs/y' and reason = 'unclear' and cohort = 'hardware:beginner'`,
      )
      .then((result) => (Array.isArray(result) ? result : (result as unknown as { rows: { readers: number }[] }).rows));
    expect(row?.readers).toBe(4);
    expect((await readInsights()).feedback[0]?.not_helpful).toBe(5);
  });

  it("leaves out a section fewer than five readers answered", async () => {
    const readers = await addReaders(4);
    for (const reader of readers) await giveFeedback(reader, beginnerHardware, "/docs/x", false, "too_hard");
    expect((await readInsights()).feedback).toEqual([]);
  });
});

describe("chapters", () => {
  it("counts readers who started and who finished each chapter, in book order", async () => {
    await addChapter("basics", ["/docs/basics/a", "/docs/basics/a#one", "/docs/basics/b"]);
    await addChapter("motors", ["/docs/motors/m"]);
    const readers = await addReaders(12);
    for (const reader of readers.slice(0, 6)) await read(reader, ["/docs/basics/a", "/docs/basics/a#one", "/docs/basics/b"]);
    for (const reader of readers.slice(6, 11)) await read(reader, ["/docs/basics/a"]);
    await read(readers[11]!, ["/docs/motors/m"]);
    expect((await readInsights()).chapters).toEqual([
      { chapter: "basics", readers_started: 11, readers_finished: 6 },
      { chapter: "motors", readers_started: null, readers_finished: null },
    ]);
  });

  it("follows marks replayed, set back to unread, and readers deleted", async () => {
    await addChapter("basics", ["/docs/basics/a", "/docs/basics/b"]);
    const readers = await addReaders(7);
    for (const reader of readers) await read(reader, ["/docs/basics/a", "/docs/basics/b"]);
    const db = await database();
    // A replay (read again, newer `at`) changes nothing; one reader unmarks a section.
    await db.execute(sql`update reading_progress set updated_at = now() where user_id = ${readers[0]!}`);
    await db.execute(sql`update reading_progress set state = 'unread' where user_id = ${readers[1]!} and url = '/docs/basics/b'`);
    expect((await readInsights()).chapters).toEqual([{ chapter: "basics", readers_started: 7, readers_finished: 6 }]);
    await (await (await getAuth()).$context).internalAdapter.deleteUser(readers[2]!);
    await (await (await getAuth()).$context).internalAdapter.deleteUser(readers[3]!);
    expect((await readInsights()).chapters).toEqual([{ chapter: "basics", readers_started: 5, readers_finished: null }]);
  });
});

describe("success criteria", () => {
  it("measures the median sign-up time, first sign-in success and background completion", async () => {
    const db = await database();
    await db.insert(insightsSignupTime).values([30, 40, 50, 60, 200].map((seconds) => ({ seconds })));
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
    expect((await readInsights()).success).toEqual({
      signup_seconds_median: 50,
      first_signin_success_rate: 0.75,
      background_completion_rate: 0.8,
    });
  });

  it("answers null for each criterion measured on fewer than five", async () => {
    await addReaders(3);
    expect((await readInsights()).success).toEqual({
      signup_seconds_median: null,
      first_signin_success_rate: null,
      background_completion_rate: null,
    });
  });
});

describe("privacy by construction", () => {
  /** Six alike readers and one who differs; they search, answer and read the same. */
  async function population(odd: Background) {
    await addChapter("motors", ["/docs/motors/gears"]);
    const alike = await addReaders(6);
    const oddOne = await addReader(odd);
    for (const [reader, background] of [...alike.map((id) => [id, beginnerHardware] as const), [oddOne, odd] as const]) {
      await search(reader, background, "harmonic drive");
      await giveFeedback(reader, background, "/docs/motors/gears", false, "too_hard");
      await read(reader, ["/docs/motors/gears"]);
    }
    await search(oddOne, odd, "strain wave gear teeth");
    return readInsights();
  }

  it("answers exactly the same whichever background the one differing reader has", async () => {
    const withAdvanced = await population({ ...beginnerHardware, hardware_knowledge: "advanced" });
    await (
      await database()
    ).execute(
      sql`truncate "user", content_chunk, insights_answer_count, insights_search, insights_search_cohort, insights_feedback_cohort, personalization_event cascade`,
    );
    const withIntermediate = await population({ ...beginnerHardware, hardware_knowledge: "intermediate" });
    expect(withIntermediate).toEqual(withAdvanced);
    // …and the answer still says something: the alike readers are counted.
    expect(withAdvanced.readers.by_answer.hardware_knowledge.basic).toBe(6);
    expect(withAdvanced.searches.weak[0]).toMatchObject({ query: "harmonic drive", readers: 7 });
    expect(withAdvanced.feedback[0]!.reasons.too_hard["hardware:beginner"]).toBe(6);
    expect(JSON.stringify(withAdvanced)).not.toContain("strain wave");
    for (const count of counts(withAdvanced)) expect(count).toBeGreaterThanOrEqual(minimumCount);
  });

  it("aggregates without opening any sealed value: a key that opens none changes nothing", async () => {
    const before = await population({ ...beginnerHardware, hardware_knowledge: "advanced" });
    const original = process.env.PROFILE_ENCRYPTION_KEY;
    process.env.PROFILE_ENCRYPTION_KEY = `other:${Buffer.alloc(32, 9).toString("base64")}`;
    resetConfigForTests();
    try {
      expect(await readInsights()).toEqual(before);
    } finally {
      process.env.PROFILE_ENCRYPTION_KEY = original;
      resetConfigForTests();
    }
  });
});
