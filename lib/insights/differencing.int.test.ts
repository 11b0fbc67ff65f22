import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { contentChunk, readingProgress, user } from "@/db/schema";
import { deleteReaderAccount, signUpReader } from "@/lib/auth";
import type { Background } from "@/lib/contract";
import { recordPersonalizationEvent, targetLevelsFor } from "@/lib/personalization";
import { saveFeedback } from "@/lib/reading";
import { serverRequest, uniqueEmail } from "@/testing/accounts";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";
import { readInsights, releaseInsightsNow } from ".";
import { alphaOf } from "./noise";
import { sensitivity } from "./release";

/**
 * Issue 21, finding 1, replayed: an author who controls 20 accounts fills every cell, reads the
 * insights, watches one new reader sign up, answer, search and leave, and reads again as often as
 * they like. Within a release period nothing moves; across releases every figure carries noise
 * of the stated ε, and a query 4 puppets and the reader asked is never listed. Real sign-up,
 * feedback, search and deletion paths on a real database; ε is the default (1).
 */
isolateBookDatabase();

const password = "correct horse battery";
const section = "/docs/motors/gears#backlash";
const probe = "harmonic drive lubrication";
const softwareChoices = ["beginner", "intermediate", "expert"] as const;
const depthChoices = ["none", "basic", "intermediate", "advanced"] as const;

async function signUp(background: Background) {
  const result = await signUpReader({ email: uniqueEmail("reader"), password, background }, serverRequest());
  return { id: result.userId, token: result.sessionToken!, background };
}

function search(reader: { id: string; background: Background }, query: string) {
  recordPersonalizationEvent({
    userId: reader.id,
    query,
    chapter: null,
    targetLevels: targetLevelsFor(reader.background),
    engine: "postgres",
    resultCount: 0,
    latencyMs: 2,
  });
}

const period = Date.UTC(2031, 0, 1); // a period start for the default 24 h
const at = (minutes: number) => new Date(period + minutes * 60_000);

let puppets: Awaited<ReturnType<typeof signUp>>[] = [];
beforeAll(async () => {
  const db = await database();
  await db.execute(sql`truncate "user", content_chunk, insights_release cascade`);
  await db.insert(contentChunk).values(
    ["/docs/motors/gears", section].map((url, position) => ({
      id: `gears-${position}`,
      docId: "motors/gears",
      docHash: "h",
      position,
      chapter: "motors",
      section: position ? "Backlash" : "",
      title: "Gears",
      url,
      level: "beginner",
      tracks: ["hardware"],
      body: "text",
    })),
  );
  // 20 sock puppets spread over every answer, each answering the section "too hard"; 4 of them search the probe.
  puppets = [];
  for (let index = 0; index < 20; index++) {
    const background: Background = {
      software_experience: softwareChoices[index % 3]!,
      programming_background: depthChoices[index % 4]!,
      hardware_knowledge: depthChoices[Math.floor(index / 5) % 4]!,
    };
    const puppet = await signUp(background);
    await saveFeedback(puppet.id, targetLevelsFor(background), { url: section, helpful: false, reason: "too_hard" });
    await db.insert(readingProgress).values({ userId: puppet.id, url: section, state: "read", updatedAt: new Date() });
    if (index < 4) search(puppet, probe);
    puppets.push(puppet);
  }
}, 120_000);

describe("differencing one reader out of the authors' insights (issue 21, finding 1)", () => {
  it("shows an author nothing of one reader's sign-up, feedback, search or deletion within a release period, however often they read", async () => {
    const first = await readInsights(undefined, at(0));
    const readAgain = async (minutes: number) => {
      for (let read = 0; read < 5; read++) expect(await readInsights(undefined, at(minutes + read))).toEqual(first);
    };
    await readAgain(1);

    const reader = await signUp({ software_experience: "expert", programming_background: "none", hardware_knowledge: "advanced" });
    await readAgain(10);
    await saveFeedback(reader.id, targetLevelsFor(reader.background), { url: section, helpful: false, reason: "too_hard" });
    await readAgain(20);
    search(reader, probe);
    search(reader, "my very own question");
    await readAgain(30);
    expect(JSON.stringify(await readInsights(undefined, at(31)))).not.toContain("harmonic");
    await deleteReaderAccount(serverRequest({ token: reader.token }), password);
    await readAgain(40);
    // The last read of the day is still the first: one release for the whole period.
    expect(await readInsights(undefined, at(24 * 60 - 1))).toEqual(first);
  });

  it("adds noise of the stated ε to every release: 150 releases of the same data spread as a two-sided geometric of α = e^(−ε/Δ)", async () => {
    const reader = await signUp({ software_experience: "expert", programming_background: "none", hardware_knowledge: "advanced" });
    search(reader, probe);
    // 40 more accounts, so that the readers' total (the figure sampled) is never hidden by its noise.
    await (
      await database()
    )
      .insert(user)
      .values(Array.from({ length: 40 }, (_, index) => ({ id: `plain-${index}`, name: "", email: `plain-${index}@example.org` })));
    const [accounts] = await queryRows<{ n: number }>(sql`select count(*)::int as n from "user"`);
    const trueTotal = accounts!.n;
    const differences: number[] = [];
    for (let release = 0; release < 150; release++) {
      const figures = await releaseInsightsNow(undefined, at(24 * 60 + release));
      expect(figures.epsilon).toBe(1);
      // 61 accounts: noise hides the total (under 5 after it) with odds under 10⁻⁶ a release.
      differences.push(figures.readers.total! - trueTotal);
      // 5 readers asked the probe: its text needs a noisy count far above that (δ = 10⁻⁶ for one reader's text).
      expect(figures.searches.weak).toEqual([]);
    }
    // Not the true count each time: noise is there…
    expect(new Set(differences).size).toBeGreaterThan(5);
    // …and of the stated ε: the readers' group has Δ = 4, so P(0) = (1 − α)/(1 + α) ≈ 0.12 and E|noise| = 2α/(1 − α²) ≈ 3.96.
    const alpha = alphaOf(sensitivity.readers / 1);
    const zeroShare = differences.filter((difference) => difference === 0).length / differences.length;
    expect(Math.abs(zeroShare - (1 - alpha) / (1 + alpha))).toBeLessThan(0.1);
    const meanDistance = differences.reduce((sum, difference) => sum + Math.abs(difference), 0) / differences.length;
    expect(Math.abs(meanDistance - (2 * alpha) / (1 - alpha ** 2))).toBeLessThan(1.6);
    await deleteReaderAccount(serverRequest({ token: reader.token }), password);
  }, 120_000);
});
