import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "@/db";
import { contentChunk, user } from "@/db/schema";
import { getAuth } from "@/lib/auth";
import { insightsResponseSchema } from "@/lib/contract";
import { targetLevelsFor } from "@/lib/personalization";
import { writeBackground, type Background } from "@/lib/profile";
import { saveFeedback } from "@/lib/reading";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";
import { releaseInsightsNow } from ".";

/**
 * Readers' comments on the authors' insights (ADR-0038), on a real database through the real
 * write paths: saveFeedback seals each comment, Better Auth's deletion takes the account away.
 */
isolateBookDatabase();

const hardwareBeginner: Background = { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "basic" };
const day = 24 * 60 * 60 * 1000;
/** A release old enough for comments written now (they wait a day). */
const later = (days = 2) => new Date(Date.now() + days * day);

async function addReader(background: Background | null = hardwareBeginner): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = `reader-${id}@example.org`;
  await (await database()).insert(user).values({ id, name: "Reader Name", email });
  if (background) await writeBackground(id, background);
  return { id, email };
}

const comment = (userId: string, url: string, text: string, background: Background | null = hardwareBeginner) =>
  saveFeedback(userId, background ? targetLevelsFor(background) : null, { url, helpful: false, reason: "unclear", comment: text });

/** Moves a reader's answer back in time, as if written `days` ago. */
async function writtenDaysAgo(userId: string, url: string, days: number) {
  await (
    await database()
  ).execute(sql`update section_feedback set updated_at = now() - make_interval(days => ${days}) where user_id = ${userId} and url = ${url}`);
}

const deleteAccount = async (userId: string) => (await (await getAuth()).$context).internalAdapter.deleteUser(userId);

async function released(now = later()) {
  const answer = await releaseInsightsNow(undefined, now);
  expect(insightsResponseSchema.parse(answer)).toEqual(answer);
  return answer;
}

const texts = (answer: Awaited<ReturnType<typeof released>>) => answer.comments.sections.flatMap((section) => section.comments.map(({ text }) => text));

beforeEach(async () => {
  const db = await database();
  await db.execute(sql`truncate "user", content_chunk, insights_release, insights_feedback_cohort cascade`);
  await db.insert(contentChunk).values(
    [
      { url: "/docs/motors/gears", title: "Gears", section: "", chapter: "motors", chapterLabel: "Motors and drives" },
      { url: "/docs/motors/gears#backlash", title: "Gears", section: "Backlash", chapter: "motors", chapterLabel: "Motors and drives" },
      { url: "/docs/sensors/imu", title: "IMUs", section: "", chapter: "sensors", chapterLabel: "" },
    ].map((chunk, position) => ({
      ...chunk,
      id: `chunk-${position}`,
      docId: chunk.url.split("#")[0]!,
      docHash: "h",
      position,
      level: "beginner",
      tracks: ["hardware"],
      body: "text",
    })),
  );
});

describe("readers' comments for authors", () => {
  it("shows a comment by section and chapter, scrubbed, with a level and a day and nothing that names the reader", async () => {
    const reader = await addReader();
    await comment(
      reader.id,
      "/docs/motors/gears#backlash",
      "The backlash figure is unclear. Mail me at jo.smith@example.com, see https://example.net/x or call +44 20 7946 0958. @josmith",
    );
    const answer = await released();
    expect(answer.comments.minimum_age_hours).toBe(24);
    expect(answer.comments.level_true_chance).toBe(0.58);
    expect(answer.comments.sections).toHaveLength(1);
    const [section] = answer.comments.sections;
    expect(section).toMatchObject({ url: "/docs/motors/gears#backlash", title: "Gears: Backlash", chapter: "Motors and drives" });
    expect(section!.comments).toEqual([
      {
        text: "The backlash figure is unclear. Mail me at [email removed], see [link removed] or call [number removed]. [handle removed]",
        written_on: new Date().toISOString().slice(0, 10),
        level: expect.stringMatching(/^hardware:(beginner|intermediate|advanced)$/),
      },
    ]);
    const shown = JSON.stringify(answer);
    for (const identifying of [reader.id, reader.email, "Reader Name", "jo.smith", "7946"]) expect(shown).not.toContain(identifying);
  });

  it("shows the same level for one comment in every release (drawn once, not averaged away)", async () => {
    const reader = await addReader();
    await comment(reader.id, "/docs/motors/gears", "More pictures, please.");
    const levels = new Set<string | null>();
    for (let index = 0; index < 5; index++) levels.add((await released(later(2 + index))).comments.sections[0]!.comments[0]!.level);
    expect(levels.size).toBe(1);
  });

  it("shows no level for a reader who gave no background", async () => {
    const reader = await addReader(null);
    await comment(reader.id, "/docs/motors/gears", "Where is the torque table?", null);
    expect((await released()).comments.sections[0]!.comments[0]!.level).toBeNull();
  });

  it("waits a day before a comment is shown, and shows only sections of the indexed book", async () => {
    const reader = await addReader();
    await comment(reader.id, "/docs/motors/gears", "Too fast.");
    await comment(reader.id, "/docs/not-in-the-book", "Lost.");
    expect((await released(new Date(Date.now() + 60 * 60 * 1000))).comments.sections).toEqual([]);
    expect(texts(await released())).toEqual(["Too fast."]);
  });

  it("lists the section with the newest comment first, and each section's comments newest first", async () => {
    const [first, second, third] = [await addReader(), await addReader(), await addReader()];
    await comment(first!.id, "/docs/motors/gears", "Oldest, on gears.");
    await writtenDaysAgo(first!.id, "/docs/motors/gears", 9);
    await comment(second!.id, "/docs/sensors/imu", "Newest, on IMUs.");
    await writtenDaysAgo(second!.id, "/docs/sensors/imu", 2);
    await comment(third!.id, "/docs/motors/gears", "Newer, on gears.");
    await writtenDaysAgo(third!.id, "/docs/motors/gears", 4);
    const answer = await released();
    expect(answer.comments.sections.map((section) => [section.chapter, section.title, section.comments.map(({ text }) => text)])).toEqual([
      ["sensors", "IMUs", ["Newest, on IMUs."]],
      ["Motors and drives", "Gears", ["Newer, on gears.", "Oldest, on gears."]],
    ]);
  });

  it("leaves every later release when its reader deletes the account", async () => {
    const leaving = await addReader();
    const staying = await addReader();
    await comment(leaving.id, "/docs/motors/gears", "Written by a reader who leaves.");
    await comment(staying.id, "/docs/motors/gears", "Written by a reader who stays.");
    expect(texts(await released(later(2))).sort()).toEqual(["Written by a reader who leaves.", "Written by a reader who stays."]);
    await deleteAccount(leaving.id);
    expect(texts(await released(later(3)))).toEqual(["Written by a reader who stays."]);
    // No copy of the words stays behind in a stored release.
    const [stored] = await queryRows<{ n: number }>(sql`select count(*)::int as n from insights_release where figures::text like '%leaves%'`);
    expect(stored?.n).toBe(0);
  });

  it("leaves every later release when its reader replaces the answer; the new comment waits its day", async () => {
    const reader = await addReader();
    await comment(reader.id, "/docs/motors/gears", "First thoughts.");
    await writtenDaysAgo(reader.id, "/docs/motors/gears", 3);
    expect(texts(await released(new Date()))).toEqual(["First thoughts."]);
    await comment(reader.id, "/docs/motors/gears", "Second thoughts.");
    expect(texts(await released(new Date(Date.now() + 1000)))).toEqual([]);
    expect(texts(await released(later(2)))).toEqual(["Second thoughts."]);
    await saveFeedback(reader.id, targetLevelsFor(hardwareBeginner), { url: "/docs/motors/gears", helpful: true });
    expect(texts(await released(later(4)))).toEqual([]);
  });
});
