import { requireReader, requireSession } from "@/lib/auth";
import { readingProgressOf } from "@/lib/book-api";
import { progressBodySchema } from "@/lib/contract";
import { apiRoute, json, preflight, privateAnswerHeaders, readJsonBody } from "@/lib/http";
import { limit, subjectOf } from "@/lib/rate-limit";
import { saveProgress, type ProgressRow } from "@/lib/reading";

export const dynamic = "force-dynamic";

/** Signed-in readers only, limited per session and per reader; each reader only ever reads and writes their own rows. */
const progressSection = (row: ProgressRow) => ({ url: row.url, state: row.state, updated_at: row.updatedAt.toISOString() });

/** GET /api/v1/progress: the reader's marks and where to continue. */
export const GET = apiRoute(async (request) => {
  // Its read was counted when the session was read (lib/auth), as for every read.
  const reader = await requireReader(request);
  const { progress, continue: next } = await readingProgressOf(reader);
  return json({ sections: progress.map(progressSection), continue: next }, { headers: privateAnswerHeaders });
});

/** PUT /api/v1/progress: marks sections read or unread; per url the latest `at` wins. */
export const PUT = apiRoute(async (request) => {
  const { user } = await requireSession(request);
  await limit("write", subjectOf(request, { user: user.id }));
  const body = await readJsonBody(request, progressBodySchema);
  const rows = await saveProgress(
    user.id,
    body.sections.map((entry) => ({ url: entry.url, state: entry.state, at: new Date(entry.at) })),
  );
  return json({ sections: rows.map(progressSection) }, { headers: privateAnswerHeaders });
});
export const OPTIONS = preflight;
