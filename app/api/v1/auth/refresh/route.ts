import { refreshSession } from "@/lib/auth";
import { ApiError, apiRoute, json, preflight, presentedSession } from "@/lib/http";
import { limit, subjectOf } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/auth/refresh: a new session token for the same reader; the presented one stops
 * working. Bearer only: a cookie session is never turned into a token a script could read.
 */
export const POST = apiRoute(async (request) => {
  if (presentedSession(request)?.via !== "bearer") {
    throw new ApiError("UNAUTHORIZED", "Refresh takes a session token (Authorization: Bearer); a cookie session refreshes itself.", {
      field: "authorization",
      reason: "bearer token required",
    });
  }
  await limit("write", subjectOf(request));
  const { sessionToken } = await refreshSession(request);
  return json({ session_token: sessionToken }, { headers: { "set-auth-token": sessionToken } });
});
export const OPTIONS = preflight;
