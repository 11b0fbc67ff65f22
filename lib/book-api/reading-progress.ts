import { requireReader, requireSession, type Reader } from "@/lib/auth";
import { json, privateAnswerHeaders, readJsonBody } from "@/lib/http";
import { bookSections, targetLevelsFor } from "@/lib/personalization";
import { continueFrom, progressOf, saveFeedback, saveProgress, type ProgressRow } from "@/lib/reading";
import { limitSessionRoute } from "./rate-limits";
import { feedbackBodySchema, progressBodySchema } from "./reading-schemas";

/**
 * The adaptive book's routes (`/api/v1/progress`, `/api/v1/feedback`): signed-in readers only,
 * limited per session, and each reader only ever reads and writes their own rows.
 */

const progressSection = (row: ProgressRow) => ({ url: row.url, state: row.state, updated_at: row.updatedAt.toISOString() });

export async function putProgress(request: Request): Promise<Response> {
  const { user, session } = await requireSession(request);
  await limitSessionRoute("progressWrite", session.id);
  const body = await readJsonBody(request, progressBodySchema);
  const rows = await saveProgress(
    user.id,
    body.sections.map((entry) => ({ url: entry.url, state: entry.state, at: new Date(entry.at) })),
  );
  return json({ sections: rows.map(progressSection) }, { headers: privateAnswerHeaders });
}

/** "Continue where you left off" for a reader (the /account page shows it too), with their marks. */
export async function readingProgressOf(reader: Pick<Reader, "userId" | "background">) {
  const progress = await progressOf(reader.userId);
  // The book's order is only needed once the reader has read something.
  const next = progress.some((row) => row.state === "read")
    ? continueFrom(progress, await bookSections(), reader.background ? targetLevelsFor(reader.background) : null)
    : null;
  return { progress, continue: next };
}

export async function getProgress(request: Request): Promise<Response> {
  const reader = await requireReader(request);
  await limitSessionRoute("progressRead", reader.sessionId);
  const { progress, continue: next } = await readingProgressOf(reader);
  return json({ sections: progress.map(progressSection), continue: next }, { headers: privateAnswerHeaders });
}

export async function putFeedback(request: Request): Promise<Response> {
  const reader = await requireReader(request);
  await limitSessionRoute("feedback", reader.sessionId);
  const body = await readJsonBody(request, feedbackBodySchema);
  const row = await saveFeedback(reader.userId, reader.background ? targetLevelsFor(reader.background) : null, body);
  return json(
    { url: row.url, helpful: row.helpful, reason: row.reason, comment: row.comment, updated_at: row.updatedAt.toISOString() },
    { headers: privateAnswerHeaders },
  );
}
