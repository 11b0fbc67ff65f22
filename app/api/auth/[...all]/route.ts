import { contractRateLimitResponse, getAuth } from "@/lib/auth";
import { apiRoute, preflight, withBodyLimit } from "@/lib/http";

/**
 * Better Auth's endpoints, with Lectern's CORS, security headers, access log and a body size
 * limit around them (Better Auth reads bodies whole; its own bodies are small JSON), and its
 * 429 in the contract's shape so the book reads every rate limit the same way.
 */
const handler = apiRoute(async (request) =>
  contractRateLimitResponse(await (await getAuth()).handler(await withBodyLimit(request))),
);

export { handler as GET, handler as POST, preflight as OPTIONS };
