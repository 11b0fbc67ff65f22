import { sessionFromRequest } from "@/lib/auth";
import { apiRoute, json, preflight, privateAnswerHeaders } from "@/lib/http";
import { readInsights, requireAuthor } from "@/lib/insights";

export const dynamic = "force-dynamic";

/** GET /api/v1/insights: the book's aggregates for its authors (401 guests, 403 other readers). */
export const GET = apiRoute(async (request) => {
  const session = await sessionFromRequest(request);
  requireAuthor(session?.user ?? null);
  return json(await readInsights(), { headers: privateAnswerHeaders });
});

export const OPTIONS = preflight;
