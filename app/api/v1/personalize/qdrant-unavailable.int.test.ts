import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { indexSampleBookIfEmpty } from "@/lib/personalization";
import { callJson, type CallOptions } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";

/**
 * Qdrant configured but unreachable (nothing listens at QDRANT_URL): personalization answers
 * 503 SEARCH_UNAVAILABLE within the client timeout, and accounts keep working.
 */
let server: TestServer;
/** A short budget; the bound below is ten of them, so only a search that ignores it can fail. */
const budgetMs = 500;
const saved = { url: process.env.QDRANT_URL, timeout: process.env.QDRANT_TIMEOUT_MS };

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  process.env.QDRANT_URL = `http://127.0.0.1:${await closedPort()}`;
  process.env.QDRANT_TIMEOUT_MS = String(budgetMs);
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
});

afterAll(async () => {
  await server.close();
  if (saved.url === undefined) delete process.env.QDRANT_URL;
  else process.env.QDRANT_URL = saved.url;
  if (saved.timeout === undefined) delete process.env.QDRANT_TIMEOUT_MS;
  else process.env.QDRANT_TIMEOUT_MS = saved.timeout;
  resetConfigForTests();
});

const call = (method: string, path: string, options: CallOptions = {}) => callJson(server.url, path, { ...options, method });

describe("personalization with Qdrant configured but unreachable", () => {
  it("answers 503 SEARCH_UNAVAILABLE in the envelope, without waiting past the client budget", async () => {
    const started = performance.now();
    const answer = await call("GET", "/api/v1/personalize?q=motor");
    expect(performance.now() - started).toBeLessThan(10 * budgetMs);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: { code: "SEARCH_UNAVAILABLE", message: expect.any(String) } });
    expect(answer.body.error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed/);
  });

  it("still signs readers up and in, and serves and updates their profile", async () => {
    const email = `reader-${randomUUID()}@example.org`;
    const background = { software_experience: "beginner", programming_background: "basic", hardware_knowledge: "none" };
    const signUp = await call("POST", "/api/v1/auth/signup", { body: { email, password: "correct horse battery", background } });
    expect(signUp.status).toBe(201);
    const signIn = await call("POST", "/api/v1/auth/signin", { body: { email, password: "correct horse battery" } });
    expect(signIn.status).toBe(200);
    const token = signIn.body.session_token as string;
    expect((await call("GET", "/api/v1/auth/profile", { token })).status).toBe(200);
    expect((await call("PUT", "/api/v1/auth/profile", { token, body: { background: { hardware_knowledge: "basic" } } })).status).toBe(200);
    const personalized = await call("GET", "/api/v1/personalize", { token });
    expect(personalized.status).toBe(503);
  });

  it("lets start-up go on when the engine cannot be reached to index the sample book", async () => {
    await expect(indexSampleBookIfEmpty()).resolves.toBeUndefined();
  });

  it("counts the failed searches on /api/metrics", async () => {
    const text = await (await fetch(`${server.url}/api/metrics`)).text();
    expect(text).toMatch(/lectern_personalization_search_failures_total\{[^}]*engine="qdrant"[^}]*code="SEARCH_UNAVAILABLE"[^}]*\} [1-9]/);
  });

  it("reports the content engine as not ready", async () => {
    // Which dependency failed is for operators: a loopback client (no METRICS_TOKEN here).
    const answer = await call("GET", "/api/ready", { ip: "127.0.0.1" });
    expect(answer.status).toBe(503);
    expect(answer.body.checks.content).toMatchObject({ ok: false });
    expect(answer.body.checks.database).toMatchObject({ ok: true });
  });
});
