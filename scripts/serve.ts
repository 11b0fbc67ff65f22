import { createServer } from "node:http";
import next from "next";
import { config } from "@/lib/config";
import { clientIpHeader, logger, resolveClientIp } from "@/lib/http";
import { consoleThroughLogger } from "./console-to-log";
import { answeredBeforeNext } from "./edge-guard";
import { drainable } from "./drain";

export type ServeOptions = { dev: boolean; port: number; hostname?: string; trustedProxyHops: number };

/** Serves the Next app in this process, so route handlers share its database connection. */
export async function serve(options: ServeOptions) {
  // Next's own messages (its errors above all) become Lectern's JSON lines.
  if (!options.dev) consoleThroughLogger();
  const app = next({ dev: options.dev, dir: process.cwd(), port: options.port, hostname: options.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Not in development: there Next recompiles a changed route, and this copy of it would not follow.
  const direct = !options.dev && config().HOT_ROUTES === "direct" ? await import("./hot-route-dispatch") : undefined;
  const where = { port: options.port, hostname: options.hostname };
  const server = createServer((request, response) => {
    // Overwrite whatever the client sent: only the server decides who the client is.
    request.headers[clientIpHeader] = resolveClientIp(request, options.trustedProxyHops);
    answeredBeforeNext(request, response)
      .then(async (answered) => {
        if (answered || (direct && (await direct.dispatchedDirectly(request, response, where)))) return;
        return handle(request, response);
      })
      .catch((error: unknown) => {
        logger().error({ err: error }, "request failed before Next");
        if (!response.headersSent) response.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close" });
        response.end(JSON.stringify({ error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side." } }));
      });
  });
  const drain = drainable(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return { server, drain };
}
