import { sessionHeaders, signUpReader } from "@/lib/auth";
import { config } from "@/lib/config";
import { profileCompletionFields, signUpBodySchema } from "@/lib/contract";
import { apiRoute, json, preflight, readJsonBody } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/signup: the account, its background and a session (cookie and bearer token). */
export const POST = apiRoute(async (request) => {
  const body = await readJsonBody(request, signUpBodySchema);
  const result = await signUpReader(body, request);
  return json(
    {
      user_id: result.userId,
      email: result.email,
      session_token: result.sessionToken,
      ...profileCompletionFields(result.profileCompleted, config().BETTER_AUTH_URL),
      background: result.background,
      device_token: result.deviceToken,
    },
    { status: 201, headers: sessionHeaders(result.headers) },
  );
});
export const OPTIONS = preflight;
