import { apiDocument } from "@/lib/book-api";
import { apiRoute, json, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => json(apiDocument()));
export const OPTIONS = preflight;
