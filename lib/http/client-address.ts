import type { IncomingMessage } from "node:http";
import { normalizeIP } from "@better-auth/core/utils/ip";
import { clientIp } from "./request";

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

/**
 * The client address as a key (rate limits, audit rows), normalised as Better Auth keys its own
 * limiter and session rows (its `normalizeIP`): `::ffff:a.b.c.d` is the IPv4 address, an IPv6
 * address stands for its /64 (one host's whole allocation), so every path counts one client once.
 */
export function clientAddress(source: Request | Headers | null | undefined): string | null {
  const address = clientIp(source);
  return address === null ? null : normalizeIP(address, { ipv6Subnet: 64 });
}
