import {
  refreshSession,
  requireReader,
  requireSession,
  signInReader,
  signOutReader,
  signUpReader,
} from "@/lib/auth";
import { json, readJsonBody } from "@/lib/http";
import { auditContextFrom, updateBackground } from "@/lib/profile";
import { limitWrite } from "./rate-limits";
import { profileUpdateBodySchema, signInBodySchema, signUpBodySchema } from "./schemas";

/**
 * The book's REST contract (`/api/v1/auth/*`), one function per route. Each limits, parses,
 * calls one `lib/auth` / `lib/profile` function and shapes the snake_case answer.
 */

/** Better Auth's session cookie and bearer header ride along, so either mode works after sign-in. */
function passOn(headers: Headers): Headers {
  const out = new Headers();
  for (const cookie of headers.getSetCookie()) out.append("Set-Cookie", cookie);
  const token = headers.get("set-auth-token");
  if (token) out.set("set-auth-token", token);
  return out;
}

export async function signUp(request: Request): Promise<Response> {
  const body = await readJsonBody(request, signUpBodySchema);
  const result = await signUpReader(body, request);
  return json(
    {
      user_id: result.userId,
      email: result.email,
      session_token: result.sessionToken,
      profile_complete: result.profileCompleted,
      background: result.background,
    },
    { status: 201, headers: passOn(result.headers) },
  );
}

export async function signIn(request: Request): Promise<Response> {
  const body = await readJsonBody(request, signInBodySchema);
  const result = await signInReader(body, request);
  return json(
    { user_id: result.userId, email: result.email, session_token: result.sessionToken, background: result.background },
    { headers: passOn(result.headers) },
  );
}

export async function signOut(request: Request): Promise<Response> {
  const { headers } = await signOutReader(request);
  return json({ success: true }, { headers: passOn(headers) });
}

export async function getProfile(request: Request): Promise<Response> {
  const reader = await requireReader(request);
  return json({
    user_id: reader.userId,
    email: reader.email,
    background: reader.background,
    created_at: reader.createdAt.toISOString(),
    updated_at: reader.updatedAt.toISOString(),
    profile_completed: reader.profileCompleted,
  });
}

export async function putProfile(request: Request): Promise<Response> {
  await limitWrite(request);
  const { user } = await requireSession(request);
  const body = await readJsonBody(request, profileUpdateBodySchema);
  const { background, updatedAt } = await updateBackground(user.id, body.background, auditContextFrom(request));
  return json({ user_id: user.id, email: user.email, background, updated_at: updatedAt.toISOString() });
}

export async function refresh(request: Request): Promise<Response> {
  await limitWrite(request);
  const { sessionToken } = await refreshSession(request);
  return json({ session_token: sessionToken }, { headers: { "set-auth-token": sessionToken } });
}
