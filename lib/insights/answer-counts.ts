import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { insightsAnswerCount } from "@/db/schema";
import type { Background } from "@/lib/contract";

/**
 * Readers per background answer, moved in the same transaction that seals a background, so
 * authors' insights count answers without opening any (ADR-0021). No reader is named. The write
 * side of insights, called by lib/profile where a background is written.
 */
type Writer = Pick<Database, "insert">;

const answersOf = (background: Background | null) => (background ? (Object.entries(background) as [string, string][]) : []);

/** A background written, replaced or removed (previous → next, either may be null). */
export async function countAnswerChange(db: Writer, previous: Background | null, next: Background | null): Promise<void> {
  const before = new Map(answersOf(previous));
  const after = new Map(answersOf(next));
  const moves: { question: string; answer: string; delta: number }[] = [];
  for (const [question, answer] of before) if (after.get(question) !== answer) moves.push({ question, answer, delta: -1 });
  for (const [question, answer] of after) if (before.get(question) !== answer) moves.push({ question, answer, delta: 1 });
  for (const { question, answer, delta } of moves) {
    await db
      .insert(insightsAnswerCount)
      .values({ question, answer, readers: Math.max(delta, 0) })
      .onConflictDoUpdate({
        target: [insightsAnswerCount.question, insightsAnswerCount.answer],
        set: { readers: sql`greatest(${insightsAnswerCount.readers} + ${delta}, 0)` },
      });
  }
}

/** Readers per question and answer, as counted. */
export async function answerCounts(db: Pick<Database, "select">): Promise<{ question: string; answer: string; readers: number }[]> {
  return db.select().from(insightsAnswerCount);
}
