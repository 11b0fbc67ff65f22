import { sessionHeaders, signInReader } from "@/lib/auth";
import { config } from "@/lib/config";
import { profileCompletionFields, signInBodySchema } from "@/lib/contract";
import { apiRoute, json, preflight, readJsonBody } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/signin: a session (cookie and bearer token); a wrong email and a wrong password answer the same. */
export const POST = apiRoute(async (request) => {
  const body = await readJsonBody(request, signInBodySchema);
  const result = await signInReader(body, request);
  return json(
    {
      user_id: result.userId,
      email: result.email,
      session_token: result.sessionToken,
      background: result.background,
      ...profileCompletionFields(result.background !== null, config().BETTER_AUTH_URL),
      device_token: result.deviceToken,
    },
    { headers: sessionHeaders(result.headers) },
  );
});
export const OPTIONS = preflight;
