import {
  contractRateLimitResponse,
  getAuth,
  quickSessionResponse,
  refuseForeignRevocation,
  refuseHostileAuthInput,
  sessionReadResponse,
  shapeAuthResponse,
} from "@/lib/auth";
import { apiRoute, preflight, withBodyLimit } from "@/lib/http";

/**
 * Better Auth's endpoints, with Lectern's CORS, security headers, access log and a body size
 * limit around them (Better Auth reads bodies whole; its own bodies are small JSON), hostile
 * input refused before it, its redirects, tokens and 5xx made safe after it (lib/auth/edge),
 * and its 429 in the contract's shape so the book reads every rate limit the same way.
 */
const handler = apiRoute(async (incoming, { requestId }) => {
  // The book's session read on every page, when it needs no Better Auth (lib/auth/get-session-response).
  const quick = await quickSessionResponse(incoming);
  if (quick) return quick;
  const request = await withBodyLimit(incoming);
  await refuseHostileAuthInput(request);
  await refuseForeignRevocation(request);
  const answer = (await sessionReadResponse(request)) ?? (await (await getAuth()).handler(request));
  const response = await contractRateLimitResponse(answer);
  return shapeAuthResponse(request, response, requestId);
});

export { handler as GET, handler as POST, preflight as OPTIONS };
