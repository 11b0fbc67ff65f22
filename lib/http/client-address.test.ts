import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, resolveClientIp } from "./client-address";
import { clientIpHeader } from "./request";

function incoming(peer: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} } as unknown as IncomingMessage;
}

describe("resolveClientIp", () => {
  it("uses the socket peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientIp(incoming("203.0.113.9", "1.2.3.4"), 0)).toBe("203.0.113.9");
  });

  it("takes the address the nearest trusted proxy saw, not one the client wrote", () => {
    // The client forged "1.2.3.4"; the load balancer appended the real peer 198.51.100.7.
    expect(resolveClientIp(incoming("10.0.0.2", "1.2.3.4, 198.51.100.7"), 1)).toBe("198.51.100.7");
  });

  it("counts hops from the right with two proxies", () => {
    expect(resolveClientIp(incoming("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
  });

  it("falls back to the peer when a trusted proxy sent no header", () => {
    expect(resolveClientIp(incoming("10.0.0.2"), 1)).toBe("10.0.0.2");
  });
});

describe("clientAddress", () => {
  const of = (address: string) => clientAddress(new Headers({ [clientIpHeader]: address }));
  it("keys an IPv4-mapped IPv6 address as its IPv4 address, and IPv6 by its /64, as Better Auth does", () => {
    expect(of("::ffff:1.2.3.4")).toBe(of("1.2.3.4"));
    expect(of("1.2.3.4")).toBe("1.2.3.4");
    expect(of("2001:db8::1")).toBe(of("2001:db8::2"));
    expect(of("2001:db8:0:0:ffff::9")).toBe(of("2001:DB8::1"));
    expect(of("2001:db8:0:1::1")).not.toBe(of("2001:db8::1"));
    expect(clientAddress(new Headers())).toBeNull();
  });
});
