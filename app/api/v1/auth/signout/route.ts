import { signOut } from "@/lib/book-api/handlers";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const POST = apiRoute(signOut);
export const OPTIONS = preflight;
