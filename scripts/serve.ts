import { createServer } from "node:http";
import next from "next";
import { clientIpHeader, resolveClientIp } from "@/lib/http";
import { answeredBeforeNext } from "./edge-guard";
import { drainable } from "./drain";

export type ServeOptions = { dev: boolean; port: number; hostname?: string; trustedProxyHops: number };

/** Serves the Next app in this process, so route handlers share its database connection. */
export async function serve(options: ServeOptions) {
  const app = next({ dev: options.dev, dir: process.cwd(), port: options.port, hostname: options.hostname });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    // Overwrite whatever the client sent: only the server decides who the client is.
    request.headers[clientIpHeader] = resolveClientIp(request, options.trustedProxyHops);
    if (answeredBeforeNext(request, response)) return;
    void handle(request, response);
  });
  const drain = drainable(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return { server, drain };
}
