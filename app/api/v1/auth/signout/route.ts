import { sessionHeaders, signOutReader } from "@/lib/auth";
import { apiRoute, json, preflight } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/signout: the presented session (cookie or bearer) ends; its cookies are cleared. */
export const POST = apiRoute(async (request) => {
  const { headers } = await signOutReader(request);
  return json({ success: true }, { headers: sessionHeaders(headers) });
});
export const OPTIONS = preflight;
