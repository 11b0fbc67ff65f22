import { getAuth } from "@/lib/auth";
import { apiRoute, preflight } from "@/lib/http";

/** Better Auth's endpoints, with Lectern's CORS, security headers and access log around them. */
const handler = apiRoute(async (request) => (await getAuth()).handler(request));

export { handler as GET, handler as POST, preflight as OPTIONS };
