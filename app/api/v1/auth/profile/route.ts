import { getProfile, putProfile } from "@/lib/book-api/handlers";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const GET = apiRoute(getProfile);
export const PUT = apiRoute(putProfile);
export const OPTIONS = preflight;
