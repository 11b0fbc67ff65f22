import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startFakeQdrant, type FakeQdrant } from "@/testing/fake-qdrant";
import { startTestServer, type TestServer } from "@/testing/http-server";

/**
 * Qdrant configured but slow: it answers 503 only after 1.5 s, or never answers. Qdrant is
 * mocked (testing/fake-qdrant.ts, a real HTTP server) because it cannot run on these machines.
 * A closed port fails at once, so only a slow server shows whether retries stay inside the
 * one budget (QDRANT_TIMEOUT_MS) instead of each getting a fresh one. The bounds are ratios of
 * that budget with most of a budget to spare, so a busy machine cannot fail them, while a
 * retry that got a fresh budget (at least two budgets in all) still would.
 */
const timeoutMs = 1000;
const withinOneBudget = 1.9 * timeoutMs;
let qdrant: FakeQdrant;
let server: TestServer;
const saved = { url: process.env.QDRANT_URL, timeout: process.env.QDRANT_TIMEOUT_MS };

beforeAll(async () => {
  qdrant = await startFakeQdrant();
  process.env.QDRANT_URL = qdrant.url;
  process.env.QDRANT_TIMEOUT_MS = String(timeoutMs);
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
  // Load the route module and the engine once, so the timed requests measure only the search.
  await callJson(server.url, "/api/v1/personalize?q=motor");
});

afterAll(async () => {
  await server.close();
  await qdrant.close();
  if (saved.url === undefined) delete process.env.QDRANT_URL;
  else process.env.QDRANT_URL = saved.url;
  if (saved.timeout === undefined) delete process.env.QDRANT_TIMEOUT_MS;
  else process.env.QDRANT_TIMEOUT_MS = saved.timeout;
  resetConfigForTests();
});

/** A query nobody asked yet: a ranking kept from an earlier answer (ADR-0025) would not reach Qdrant. */
let asked = 0;
async function timedSearch() {
  const started = performance.now();
  const answer = await callJson(server.url, `/api/v1/personalize?q=motor${++asked}`);
  return { answer, elapsed: performance.now() - started };
}

describe("personalization with a slow Qdrant", () => {
  it("answers 503 SEARCH_UNAVAILABLE within one budget when Qdrant answers 503 after most of it", async () => {
    qdrant.delayMs = 0.75 * timeoutMs;
    qdrant.failNext(503, 100);
    const { answer, elapsed } = await timedSearch();
    qdrant.delayMs = 0;
    qdrant.failNext(0, 0);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: { code: "SEARCH_UNAVAILABLE", message: expect.any(String) } });
    expect(elapsed).toBeLessThan(withinOneBudget);
  });

  it("answers 503 SEARCH_UNAVAILABLE within one budget when Qdrant never answers", async () => {
    qdrant.hang = true;
    const { answer, elapsed } = await timedSearch();
    qdrant.hang = false;
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: { code: "SEARCH_UNAVAILABLE", message: expect.any(String) } });
    expect(elapsed).toBeLessThan(withinOneBudget);
  });

  it("signs a reader up and in while a search waits on a silent Qdrant", async () => {
    qdrant.hang = true;
    const search = timedSearch();
    const email = uniqueEmail();
    const signUp = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password: "correct horse battery", background: sampleBackground } });
    const signIn = await callJson(server.url, "/api/v1/auth/signin", { body: { email, password: "correct horse battery" } });
    const token = signIn.body.session_token as string;
    const profile = await callJson(server.url, "/api/v1/auth/profile", { token });
    const searched = await search;
    qdrant.hang = false;
    expect([signUp.status, signIn.status, profile.status]).toEqual([201, 200, 200]);
    expect(searched.answer.status).toBe(503);
  });
});
