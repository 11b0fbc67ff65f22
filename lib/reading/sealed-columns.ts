import { sectionFeedback } from "@/db/schema";
import { sealedColumn } from "@/lib/sealing";

/** A feedback answer's target levels, bound to its row (reader, section). */
export const sealedFeedbackLevels = sealedColumn({ column: sectionFeedback.targetLevelsSealed, key: [sectionFeedback.userId, sectionFeedback.url] });

/** A feedback comment: personal data, sealed like the rest; plaintext from before migration 0008 is sealed at start-up. */
export const sealedFeedbackComment = sealedColumn({
  column: sectionFeedback.commentSealed,
  key: [sectionFeedback.userId, sectionFeedback.url],
  plaintextColumn: sectionFeedback.commentPlaintext,
});

/** A stored comment, readable: the sealed one (null if it does not open for this row), else plaintext the start-up step has not sealed yet. */
export function openFeedbackComment(row: { userId: string; url: string; commentSealed: string | null; commentPlaintext: string | null }): string | null {
  return row.commentSealed ? sealedFeedbackComment.openOrNull(row.commentSealed, [row.userId, row.url]) : row.commentPlaintext;
}

/** What this concern seals, for rotation (scripts/sealed-columns.ts). */
export const readingSealedColumns = [sealedFeedbackLevels, sealedFeedbackComment];
