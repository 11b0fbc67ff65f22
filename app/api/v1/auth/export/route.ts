import { exportOwnData } from "@/lib/book-api/export-handler";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const GET = apiRoute(exportOwnData);
export const OPTIONS = preflight;
