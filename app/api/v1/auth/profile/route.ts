import { requireReader, requireSession } from "@/lib/auth";
import { config } from "@/lib/config";
import { profileCompletionFields, profileUpdateBodySchema } from "@/lib/contract";
import { apiRoute, json, preflight, readJsonBody } from "@/lib/http";
import { auditContextFrom, updateBackground } from "@/lib/profile";
import { limit, subjectOf } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/** GET /api/v1/auth/profile: the signed-in reader's profile and background. */
export const GET = apiRoute(async (request) => {
  const reader = await requireReader(request);
  return json({
    user_id: reader.userId,
    email: reader.email,
    background: reader.background,
    created_at: reader.createdAt.toISOString(),
    updated_at: reader.updatedAt.toISOString(),
    profile_completed: reader.profileCompleted,
    ...profileCompletionFields(reader.profileCompleted, config().BETTER_AUTH_URL),
  });
});

/** PUT /api/v1/auth/profile: any subset of the background; a write on the session's and the user's budget. */
export const PUT = apiRoute(async (request) => {
  const { user } = await requireSession(request);
  await limit("write", subjectOf(request, { user: user.id }));
  const body = await readJsonBody(request, profileUpdateBodySchema);
  const { background, updatedAt } = await updateBackground(user.id, body.background, auditContextFrom(request));
  return json({ user_id: user.id, email: user.email, background, updated_at: updatedAt.toISOString(), profile_complete: true });
});
export const OPTIONS = preflight;
