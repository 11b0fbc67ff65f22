import { describe, expect, it } from "vitest";
import { GET as health } from "../health/route";
import { GET } from "./route";

describe("GET /api/metrics", () => {
  it("counts API requests in Prometheus text", async () => {
    await health(new Request("http://lectern.test/api/health"));
    const response = await GET(new Request("http://lectern.test/api/metrics", { headers: { "x-lectern-client-ip": "127.0.0.1" } }));
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/lectern_http_requests_total\{[^}]*route="\/api\/health"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toContain("process_resident_memory_bytes");
  });

  it("refuses a client that is not on loopback when METRICS_TOKEN is unset", async () => {
    const response = await GET(new Request("http://lectern.test/api/metrics", { headers: { "x-lectern-client-ip": "203.0.113.9" } }));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("lectern_http_requests_total");
  });

  it("with METRICS_TOKEN answers only that bearer, from any address", async () => {
    const { resetConfigForTests } = await import("@/lib/config");
    process.env.METRICS_TOKEN = "a-metrics-token-of-some-length";
    resetConfigForTests();
    try {
      const from = (headers: Record<string, string>) => GET(new Request("http://lectern.test/api/metrics", { headers }));
      expect((await from({ "x-lectern-client-ip": "127.0.0.1" })).status).toBe(403);
      expect((await from({ "x-lectern-client-ip": "203.0.113.9", authorization: "Bearer wrong-token-of-some-length" })).status).toBe(403);
      expect((await from({ "x-lectern-client-ip": "203.0.113.9", authorization: "Bearer a-metrics-token-of-some-length" })).status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
      resetConfigForTests();
    }
  });

  it("collapses unknown paths into one series", async () => {
    const { observeRequest, metrics } = await import("@/lib/ops");
    observeRequest("GET", "/api/random-1", 404, 0.001);
    observeRequest("GET", "/api/random-2", 404, 0.001);
    const text = await metrics().registry.metrics();
    expect(text).not.toContain("random-");
    expect(text).toContain('route="unmatched"');
  });
});
