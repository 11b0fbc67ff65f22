import { accountExport } from "@/lib/admin";
import { requireSession } from "@/lib/auth";
import { ApiError, apiRoute, json, preflight, privateAnswerHeaders, refuseCrossSiteCookieRead } from "@/lib/http";
import { auditContextFrom, recordAuditEvent } from "@/lib/profile";
import { limit, subjectOf } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/auth/export: the signed-in reader's own data as one JSON document, the same
 * document an operator's `npm run admin -- export` gives (lib/admin). Keyed by the session's
 * user only, so it can hold nothing of another reader; never cached anywhere on the way.
 * With a cookie session it must come from Lectern or the book: a link on a foreign page sends
 * the Lax cookie along and would spend the reader's export budget (bearer callers always pass).
 */
export const GET = apiRoute(async (request) => {
  refuseCrossSiteCookieRead(request);
  const { user } = await requireSession(request);
  await limit("export", subjectOf(request, { user: user.id }));
  await recordAuditEvent({ event: "account_exported", userId: user.id, context: auditContextFrom(request), details: { by: "reader" } });
  const document = await accountExport(user.id);
  if (!document) throw new ApiError("UNAUTHORIZED", "Sign in first: no valid session.");
  const day = document.exported_at.slice(0, 10);
  return json(document, {
    headers: {
      ...privateAnswerHeaders,
      // A link on /account downloads it as a file; API clients read the body as usual.
      "Content-Disposition": `attachment; filename="lectern-my-data-${day}.json"`,
    },
  });
});

/**
 * HEAD: Next would otherwise run GET and drop its body, i.e. a whole export (an audit row, the
 * budget) for nothing. Nothing is exported without a GET.
 */
export const HEAD = apiRoute(() => new Response(null, { status: 405, headers: { Allow: "GET, OPTIONS" } }));
export const OPTIONS = preflight;
