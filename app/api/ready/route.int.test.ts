import { describe, expect, it } from "vitest";
import { registerReadinessCheck } from "@/lib/ops";
import { GET } from "./route";

describe("GET /api/ready", () => {
  it("is ready when the database answers", async () => {
    const response = await GET(new Request("http://lectern.test/api/ready"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready", checks: { database: { ok: true } } });
  });

  it("answers 503 naming the dependency that failed", async () => {
    registerReadinessCheck("broken", async () => {
      throw new Error("connection refused");
    });
    const response = await GET(new Request("http://lectern.test/api/ready"));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { broken: { ok: false, detail: "connection refused" } } });
  });
});
