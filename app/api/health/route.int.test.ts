import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/testing/http-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("health and readiness over HTTP", () => {
  it("serves /api/health with security headers", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves /api/ready with the database check", async () => {
    const response = await fetch(`${server.url}/api/ready`);
    expect(await response.json()).toMatchObject({ checks: { database: { ok: true } } });
  });

  it("answers a preflight from a book origin", async () => {
    const response = await fetch(`${server.url}/api/ready`, {
      method: "OPTIONS",
      headers: { origin: "http://book.test", "access-control-request-method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://book.test");
  });
});
