import type { IncomingMessage } from "node:http";

/**
 * The client address Lectern trusts: the socket peer, or with TRUSTED_PROXY_HOPS = n the
 * n-th address from the right of X-Forwarded-For (what the nearest trusted proxy saw). The
 * server writes it into `clientIpHeader` on every request; rate limits and audit read it there.
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
