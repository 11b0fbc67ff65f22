import { eq } from "drizzle-orm";
import { database } from "@/db";
import { personalizationEvent } from "@/db/schema";
import { logger } from "@/lib/http";
import { countSearch } from "@/lib/insights";
import { encryptText } from "@/lib/profile";
import type { EngineName } from "./engine";
import type { TargetLevels } from "./weights";

export type PersonalizationEventInput = {
  userId: string | null;
  /** Readers' queries only: a guest's text is never stored (ADR-0012). */
  query: string | null;
  chapter: string | null;
  /** The target levels that weighted the ranking, never the raw background answers. */
  targetLevels: TargetLevels | null;
  engine: EngineName;
  resultCount: number;
  latencyMs: number;
};

/** Records what a reader asked for the book's authors. A failure here never fails the request. */
export async function recordPersonalizationEvent(event: PersonalizationEventInput): Promise<void> {
  try {
    const db = await database();
    const { targetLevels, ...rest } = event;
    await db.insert(personalizationEvent).values({
      ...rest,
      query: event.userId ? event.query : null,
      // Derived from the background, so sealed with the profile key like the profile itself.
      targetLevelsSealed: targetLevels ? encryptText(JSON.stringify(targetLevels)) : null,
      latencyMs: Math.round(event.latencyMs * 100) / 100,
    });
    // Authors' counters by "<track>:<level>", moved now so insights never open sealed rows (ADR-0021).
    if (event.userId && event.query) {
      await countSearch(db, { userId: event.userId, query: event.query, resultCount: event.resultCount, targetLevels });
    }
  } catch (error) {
    logger().warn({ err: error }, "could not record a personalization event");
  }
}

/** When an account is deleted, its events stay as anonymous counts: no user id, no query. */
export async function forgetPersonalizationEvents(userId: string): Promise<void> {
  const db = await database();
  await db.update(personalizationEvent).set({ userId: null, query: null }).where(eq(personalizationEvent.userId, userId));
}
