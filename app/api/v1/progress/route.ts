import { getProgress, putProgress } from "@/lib/book-api";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const GET = apiRoute(getProgress);
export const PUT = apiRoute(putProgress);
export const OPTIONS = preflight;
