import { readerFromRequest } from "@/lib/auth";
import { apiRoute, json, preflight, privateAnswerHeaders, readQuery } from "@/lib/http";
import { personalizeQuerySchema } from "@/lib/contract";
import { personalize } from "@/lib/personalization";

export const dynamic = "force-dynamic";

/** GET /api/v1/personalize: the book ranked for the reader (cookie or Bearer), or unweighted for a guest. */
export const GET = apiRoute(async (request) => {
  const query = readQuery(request, personalizeQuerySchema);
  const reader = await readerFromRequest(request);
  const answer = await personalize(query, reader);
  // The answer depends on who asks: never cache it in a shared cache.
  return json(answer, { headers: privateAnswerHeaders });
});

export const OPTIONS = preflight;
