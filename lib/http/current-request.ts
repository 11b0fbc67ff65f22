import { config } from "@/lib/config";

/** The page's or action's request as route code sees it (cookies, trusted client IP, user agent). */
export async function currentRequest(): Promise<Request> {
  // Imported when called: loading next/headers outside Next's runtime (npm start's custom
  // server imports lib/http under tsx) throws "AsyncLocalStorage accessed in runtime where it is not available".
  const { headers } = await import("next/headers");
  return new Request(new URL("/", config().BETTER_AUTH_URL), { headers: new Headers(await headers()) });
}
