import { apiRoute } from "@/lib/http";
import { metrics } from "@/lib/ops";

export const dynamic = "force-dynamic";

/** Prometheus text; scrape each instance (counters are per process by design). */
export const GET = apiRoute(async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
});
