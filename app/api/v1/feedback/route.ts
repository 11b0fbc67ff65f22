import { requireReader } from "@/lib/auth";
import { isSectionOfBook } from "@/lib/book-api";
import { feedbackBodySchema } from "@/lib/contract";
import { ApiError, apiRoute, json, preflight, privateAnswerHeaders, readJsonBody } from "@/lib/http";
import { targetLevelsFor } from "@/lib/personalization";
import { limit, subjectOf } from "@/lib/rate-limit";
import { saveFeedback } from "@/lib/reading";

export const dynamic = "force-dynamic";

/** PUT /api/v1/feedback: "Was this helpful?" for a section; a new answer replaces the reader's old one. */
export const PUT = apiRoute(async (request) => {
  const reader = await requireReader(request);
  await limit("write", subjectOf(request, { user: reader.userId }));
  const body = await readJsonBody(request, feedbackBodySchema);
  if (!(await isSectionOfBook(body.url))) {
    throw new ApiError("INVALID_INPUT", "Feedback is for a page or section of the book; this url is not one.", {
      field: "url",
      reason: "not a section of the book",
    });
  }
  const row = await saveFeedback(reader.userId, reader.background ? targetLevelsFor(reader.background) : null, body);
  return json(
    { url: row.url, helpful: row.helpful, reason: row.reason, comment: row.comment, updated_at: row.updatedAt.toISOString() },
    { headers: privateAnswerHeaders },
  );
});
export const OPTIONS = preflight;
