import { signIn } from "@/lib/book-api/handlers";
import { apiRoute, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";
export const POST = apiRoute(signIn);
export const OPTIONS = preflight;
