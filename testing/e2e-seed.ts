/**
 * `npx tsx testing/e2e-seed.ts`, run by playwright.config.ts on the fresh DATA_DIR (.e2e-data) before
 * `npm start` takes its lock: what a browser test cannot make through a running server. Readers'
 * comments show to authors only once they are 24 hours old (ADR-0038), so the seed writes three
 * readers' answers the way PUT /api/v1/feedback does and then moves two of them back in time.
 * Nothing here runs in Lectern itself.
 */
import { and, eq, sql } from "drizzle-orm";
import { database, databaseHandle } from "@/db";
import { sectionFeedback } from "@/db/schema";
import { signUpReader } from "@/lib/auth";
import { isSectionOfBook } from "@/lib/book-api";
import { config } from "@/lib/config";
import { feedbackBodySchema, signUpBodySchema } from "@/lib/contract";
import { clientIpHeader } from "@/lib/http";
import { contentEngine, indexSampleBookIfEmpty, targetLevelsFor } from "@/lib/personalization";
import { saveFeedback } from "@/lib/reading";
import { runScript } from "../scripts/run-script";
import { seededComments, seededCommentsUrl, seededPassword } from "./e2e-seed-data";

/** A documentation address (RFC 5737), so the seed's sign-ups spend no budget of the browser's loopback address. */
const seedAddress = "192.0.2.10";

async function seed(): Promise<number> {
  const { dataDir, DATABASE_URL } = config();
  if (DATABASE_URL) throw new Error("the e2e seed writes only an embedded data directory: unset DATABASE_URL");
  await databaseHandle(); // opens DATA_DIR and migrates, as npm start would

  // The same call, on the same folder, as npm start's first start: it then finds the index full and leaves it as it is.
  await indexSampleBookIfEmpty();
  const chunks = await contentEngine().chunkCount();
  if (chunks === 0) throw new Error("the sample book was not indexed (see the error logged above)");
  if (!(await isSectionOfBook(seededCommentsUrl))) throw new Error(`${seededCommentsUrl} is not a page of the sample book`);

  const db = await database();
  for (const seeded of seededComments) {
    const request = new Request(`${config().BETTER_AUTH_URL}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "user-agent": "e2e-seed", [clientIpHeader]: seedAddress },
    });
    const body = signUpBodySchema.parse({ email: seeded.email, password: seededPassword, background: seeded.background });
    const reader = await signUpReader(body, request);
    // What the feedback route does with a reader's answer: the contract's body, then saveFeedback with the reader's levels.
    const answer = feedbackBodySchema.parse({ url: seededCommentsUrl, helpful: false, reason: "too_hard", comment: seeded.comment });
    await saveFeedback(reader.userId, targetLevelsFor(body.background), answer);
    if (seeded.ageHours > 0) {
      // Raw time travel, for this test seed only: no route can write an answer in the past.
      const writtenAt = sql`now() - make_interval(hours => ${seeded.ageHours})`;
      await db
        .update(sectionFeedback)
        .set({ createdAt: writtenAt, updatedAt: writtenAt })
        .where(and(eq(sectionFeedback.userId, reader.userId), eq(sectionFeedback.url, seededCommentsUrl)));
    }
  }
  console.log(`e2e seed: ${dataDir}: sample book indexed (${chunks} chunks), ${seededComments.length} readers' comments on ${seededCommentsUrl}`);
  return 0;
}

runScript(seed, { failure: "e2e seed failed", prefix: "e2e-seed: " });
