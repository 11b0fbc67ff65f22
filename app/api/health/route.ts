import { apiRoute, json, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Touches nothing else, so a slow database never kills it. */
export const GET = apiRoute(() => json({ status: "ok", uptime_s: Math.round(process.uptime()) }));
export const OPTIONS = preflight;
