import { ApiError, apiRoute } from "@/lib/http";
import { metrics } from "@/lib/ops";
import { metricsAllowed } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/** Prometheus text; scrape each instance (counters are per process by design). */
export const GET = apiRoute(async (request) => {
  if (!metricsAllowed(request)) {
    throw new ApiError("FORBIDDEN", "Metrics answer a METRICS_TOKEN bearer, or without one only a loopback client.");
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
});
