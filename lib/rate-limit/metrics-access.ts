import { timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { clientIp } from "@/lib/http";

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Who may read `/api/metrics` (DESIGN "Rate limits", operations row): with METRICS_TOKEN, a
 * request bearing it; without, only a client on the loopback address (the client address is
 * the socket peer or what TRUSTED_PROXY_HOPS trusts, so a forged X-Forwarded-For cannot pass).
 */
export function metricsAllowed(request: Request): boolean {
  const token = config().METRICS_TOKEN;
  if (!token) return loopback.has(clientIp(request) ?? "");
  const presented =
    request.headers
      .get("authorization")
      ?.match(/^Bearer\s+(.+)$/i)?.[1]
      ?.trim() ?? "";
  const expected = Buffer.from(token);
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
