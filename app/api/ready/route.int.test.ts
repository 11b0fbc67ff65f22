import { describe, expect, it } from "vitest";
import { registerReadinessCheck } from "@/lib/ops";
import { GET } from "./route";

/** The operator's view needs a loopback client (METRICS_TOKEN unset); the server sets this header. */
const fromLoopback = () => new Request("http://lectern.test/api/ready", { headers: { "x-lectern-client-ip": "127.0.0.1" } });

describe("GET /api/ready", () => {
  it("is ready when the database answers", async () => {
    const response = await GET(fromLoopback());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready", checks: { database: { ok: true } } });
  });

  it("answers 503 naming the dependency that failed", async () => {
    registerReadinessCheck("broken", async () => {
      throw new Error("connection refused");
    });
    const response = await GET(fromLoopback());
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { broken: { ok: false, detail: "connection refused" } } });
  });

  it("tells a client elsewhere only ready or not, never which dependency or why", async () => {
    const stranger = new Request("http://lectern.test/api/ready", { headers: { "x-lectern-client-ip": "203.0.113.9" } });
    const response = await GET(stranger);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });
});
