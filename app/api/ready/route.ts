import { apiRoute, json, preflight } from "@/lib/http";
import { readiness } from "@/lib/ops";
import { metricsAllowed } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when every dependency answers, else 503. Which dependency failed and why is
 * for operators only (the same who may read /api/metrics); anyone else learns ready or not.
 */
export const GET = apiRoute(async (request) => {
  const { ready, checks } = await readiness();
  const status = ready ? "ready" : "unavailable";
  return json(metricsAllowed(request) ? { status, checks } : { status }, { status: ready ? 200 : 503 });
});
export const OPTIONS = preflight;
