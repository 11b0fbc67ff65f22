import { putFeedback } from "@/lib/book-api";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const PUT = apiRoute(putFeedback);
export const OPTIONS = preflight;
