import { headers } from "next/headers";
import { config } from "@/lib/config";

/** The page's or action's request as route code sees it (cookies, trusted client IP, user agent). */
export async function currentRequest(): Promise<Request> {
  return new Request(new URL("/", config().BETTER_AUTH_URL), { headers: new Headers(await headers()) });
}
