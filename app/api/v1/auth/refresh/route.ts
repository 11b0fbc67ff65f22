import { refreshSession } from "@/lib/auth";
import { limitWrite } from "@/lib/book-api";
import { apiRoute, json, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/refresh: a new session token for the same reader; the presented one stops working. */
export const POST = apiRoute(async (request) => {
  await limitWrite(request);
  const { sessionToken } = await refreshSession(request);
  return json({ session_token: sessionToken }, { headers: { "set-auth-token": sessionToken } });
});
export const OPTIONS = preflight;
