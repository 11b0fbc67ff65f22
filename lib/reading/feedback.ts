import { and, eq } from "drizzle-orm";
import { database } from "@/db";
import { sectionFeedback } from "@/db/schema";
import type { TargetLevels } from "@/lib/contract";
import { countFeedbackChange } from "@/lib/insights";
import { sealedFeedbackComment, sealedFeedbackLevels } from "./sealed-columns";

export type FeedbackReason = "too_hard" | "too_easy" | "unclear" | "outdated" | "other";
export type FeedbackInput = { url: string; helpful: boolean; reason?: FeedbackReason; comment?: string };
export type FeedbackRow = { url: string; helpful: boolean; reason: FeedbackReason | null; comment: string | null; updatedAt: Date };

/**
 * One answer per reader and section: a new one replaces the old, reason and comment included.
 * The reader's target levels (derived from the background) are sealed like the personalization
 * events (ADR-0012), so authors learn "too hard for beginners" without reading anyone's answers.
 */
export async function saveFeedback(userId: string, targetLevels: object | null, input: FeedbackInput): Promise<FeedbackRow> {
  const db = await database();
  const values = {
    userId,
    url: input.url,
    helpful: input.helpful,
    reason: input.reason ?? null,
    // Sealed and bound to this reader and section (ADR-0034); a comment left in plaintext goes.
    commentPlaintext: null,
    commentSealed: input.comment ? sealedFeedbackComment.seal(input.comment, [userId, input.url]) : null,
    targetLevelsSealed: targetLevels ? sealedFeedbackLevels.seal(JSON.stringify(targetLevels), [userId, input.url]) : null,
  };
  const now = new Date();
  return db.transaction(async (tx) => {
    // The authors' counts by reason and "<track>:<level>" move with the answer (ADR-0021).
    const [previous] = await tx
      .select({ reason: sectionFeedback.reason, sealed: sectionFeedback.targetLevelsSealed })
      .from(sectionFeedback)
      .where(and(eq(sectionFeedback.userId, userId), eq(sectionFeedback.url, input.url)))
      .for("update");
    const [row] = await tx
      .insert(sectionFeedback)
      .values({ ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [sectionFeedback.userId, sectionFeedback.url],
        set: { ...values, updatedAt: now },
      })
      .returning({
        url: sectionFeedback.url,
        helpful: sectionFeedback.helpful,
        reason: sectionFeedback.reason,
        updatedAt: sectionFeedback.updatedAt,
      });
    await countFeedbackChange(
      tx,
      input.url,
      previous
        ? // A previous value that does not open counts as no levels: the new answer replaces it all the same.
          {
            reason: previous.reason,
            targetLevels: previous.sealed ? JSON.parse(sealedFeedbackLevels.openOrNull(previous.sealed, [userId, input.url]) ?? "null") : null,
          }
        : null,
      { reason: values.reason, targetLevels: targetLevels as TargetLevels | null },
    );
    return { ...row!, comment: input.comment ? input.comment : null };
  });
}
