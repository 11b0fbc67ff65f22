import { describe, expect, it } from "vitest";
import { GET as health } from "../health/route";
import { GET } from "./route";

describe("GET /api/metrics", () => {
  it("counts API requests in Prometheus text", async () => {
    await health(new Request("http://lectern.test/api/health"));
    const response = await GET(new Request("http://lectern.test/api/metrics"));
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/lectern_http_requests_total\{[^}]*route="\/api\/health"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toContain("process_resident_memory_bytes");
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
