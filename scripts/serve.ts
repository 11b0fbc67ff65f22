import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { clientIpHeader } from "@/lib/http/request";
import { answeredBeforeNext } from "./edge-guard";
import { drainable } from "./drain";

/**
 * The client address Lectern trusts: the socket peer, or with TRUSTED_PROXY_HOPS = n the
 * n-th address from the right of X-Forwarded-For (what the nearest trusted proxy saw).
 */
export function resolveClientIp(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops === 0) return peer;
  const header = request.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return chain[chain.length - trustedProxyHops] ?? chain[0] ?? peer;
}

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
