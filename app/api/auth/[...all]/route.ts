import { getAuth } from "@/lib/auth";
import { apiRoute, preflight, withBodyLimit } from "@/lib/http";

/**
 * Better Auth's endpoints, with Lectern's CORS, security headers, access log and a body size
 * limit around them (Better Auth reads bodies whole; its own bodies are small JSON).
 */
const handler = apiRoute(async (request) => (await getAuth()).handler(await withBodyLimit(request)));

export { handler as GET, handler as POST, preflight as OPTIONS };
