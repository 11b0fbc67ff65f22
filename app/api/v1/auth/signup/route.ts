import { signUp } from "@/lib/book-api/handlers";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const POST = apiRoute(signUp);
export const OPTIONS = preflight;
