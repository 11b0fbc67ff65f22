import { apiRoute, json, preflight } from "@/lib/http";
import { readiness } from "@/lib/ops";

export const dynamic = "force-dynamic";

/** Readiness: 200 when every dependency answers, else 503 with which one did not. */
export const GET = apiRoute(async () => {
  const { ready, checks } = await readiness();
  return json({ status: ready ? "ready" : "unavailable", checks }, { status: ready ? 200 : 503 });
});
export const OPTIONS = preflight;
