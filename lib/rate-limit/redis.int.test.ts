import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { readiness } from "@/lib/ops";
import { call, callJson, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { runSteadyClient, steadyClientExpected } from "@/testing/rate-limit-schedule";
import {
  checkLimit,
  consumeRateLimit,
  databaseRateLimitStore,
  fastRateLimitStore,
  rateLimitRules,
  rateLimitStore,
  redisClient,
  redisRateLimitStore,
  rowStamps,
} from "./index";
import { queryRows } from "@/testing/query-rows";

/**
 * The same limits with REDIS_URL set: counters live in the real Redis named by TEST_REDIS_URL
 * (.ci/run sets it). `npm test` on a machine without Redis skips this file and says so.
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.log("Redis rate-limit suite skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run it");
/** Keys of this run carry a unique part, so parallel runs on one Redis never share a counter. */
const run = crypto.randomUUID();

let server: TestServer;
beforeAll(async () => {
  if (!redisUrl) return;
  process.env.REDIS_URL = redisUrl;
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(async () => {
  if (!redisUrl) return;
  await server?.close();
  await redisClient(redisUrl).quit();
});

async function rateLimitRowsLike(pattern: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(sql`select count(*)::int as n from rate_limit where key like ${pattern}`);
  return row!.n;
}

describe.skipIf(!redisUrl)("rate limiting with REDIS_URL", () => {
  it("answers budgets sent in the same tick as a new connection's first other command (ioredis #1931)", async () => {
    const client = redisClient(`${redisUrl!.replace(/\/\d*$/, "")}/11`);
    try {
      const key = `lectern:test:${run}:same-tick`;
      const [stored, decision] = await Promise.all([client.get(key), redisRateLimitStore(client).consumeInOrder!([{ key, windowSeconds: 20, max: 2 }])]);
      expect(stored).toBeNull();
      expect(decision.allowed).toBe(true);
    } finally {
      await client.quit();
    }
  });

  it("uses the Redis store for consumeRateLimit, refusing past max", async () => {
    expect(rateLimitStore().kind).toBe("redis");
    const key = `suite:${run}:contract`;
    const decisions = [];
    for (let attempt = 0; attempt < 3; attempt += 1) decisions.push(await consumeRateLimit({ key, windowSeconds: 20, max: 2 }));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(decisions[2]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[2]!.retryAfterSeconds).toBeLessThanOrEqual(20);
    expect(await redisClient(redisUrl!).get(`lectern:rate-limit:${key}`)).toBe("3");
    expect(await rateLimitRowsLike(`%${run}%`)).toBe(0);
  });

  it("agrees with the database store on one client's requests: fixed windows, a burst refused, a steady client never", async () => {
    const [inRedis, inDatabase] = await Promise.all([
      runSteadyClient(redisRateLimitStore(redisClient(redisUrl!)), `suite:${run}:steady`),
      runSteadyClient(databaseRateLimitStore, `suite:${run}:steady`),
    ]);
    expect(inRedis).toEqual(steadyClientExpected);
    expect(inDatabase).toEqual(inRedis);
  });

  it("counts sign-in failures in Redis, not the database, and refuses the 6th for one email at one address", async () => {
    const ip = uniqueIp();
    const email = uniqueEmail();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await call(server.url, "/api/auth/sign-in/email", { body: { email, password: "wrong password" }, ip });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await redisClient(redisUrl!).keys(`lectern:rate-limit:*${ip}*`)).length).toBeGreaterThanOrEqual(1);
    expect(await rateLimitRowsLike(`%${ip}%`)).toBe(0);
  });

  it("counts a session's reads in Redis too, so every instance shares them", async () => {
    expect(fastRateLimitStore().kind).toBe("redis");
  });

  it("counts a read's two budgets in one round trip, in order: a session past its own spends none of the reader's", async () => {
    const client = redisClient(redisUrl!);
    const session = `${run}-session`;
    const user = `${run}-user`;
    const subject = { address: "192.0.2.1", session, user };
    expect(await checkLimit("read", subject)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect([await client.get(`lectern:rate-limit:readsPerSession:${session}`), await client.get(`lectern:rate-limit:readsPerUser:${user}`)]).toEqual([
      "1",
      "1",
    ]);
    await client.set(`lectern:rate-limit:readsPerSession:${session}`, rateLimitRules.readsPerSession.max, "KEEPTTL");
    const refused = await checkLimit("read", subject);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(rateLimitRules.readsPerSession.windowSeconds);
    expect(await client.get(`lectern:rate-limit:readsPerUser:${user}`)).toBe("1");
    // The reader's budget refuses too, whichever session reads.
    await client.set(`lectern:rate-limit:readsPerUser:${user}`, rateLimitRules.readsPerUser.max, "KEEPTTL");
    expect((await checkLimit("read", { ...subject, session: `${run}-other-session` })).allowed).toBe(false);
    expect(await client.pttl(`lectern:rate-limit:readsPerUser:${user}`)).toBeGreaterThan(0);
  });

  it("keeps one row stamp per key until it is renewed; a lost stamp comes back as a new one", async () => {
    const stamps = rowStamps(`suite-${run}`)!;
    const first = await stamps.current("reader");
    expect(await stamps.current("reader")).toBe(first);
    await stamps.renew("reader");
    const renewed = await stamps.current("reader");
    expect(renewed).not.toBe(first);
    await redisClient(redisUrl!).del(`lectern:stamp:suite-${run}:reader`);
    expect([first, renewed]).not.toContain(await stamps.current("reader"));
    expect(await redisClient(redisUrl!).ttl(`lectern:stamp:suite-${run}:reader`)).toBeGreaterThan(0);
  });

  it("a spread attack fills the per-email ceiling in Redis; the reader's known device still signs in, an unknown one does not", async () => {
    const email = uniqueEmail();
    const password = "a redis reader's password";
    const signedUp = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip: uniqueIp() });
    const device = signedUp.body.device_token as string;
    for (let guess = 0; guess < rateLimitRules.signInPerEmail.max; guess += 1) {
      expect((await call(server.url, "/api/v1/auth/signin", { body: { email, password: `guess ${guess}` }, ip: uniqueIp() })).status).toBe(401);
    }
    expect(await redisClient(redisUrl!).get(`lectern:rate-limit:signInPerEmail:${email}`)).toBe(String(rateLimitRules.signInPerEmail.max));
    expect((await call(server.url, "/api/auth/sign-in/email", { body: { email, password }, ip: uniqueIp() })).status).toBe(429);
    const known = await call(server.url, "/api/auth/sign-in/email", { body: { email, password }, ip: uniqueIp(), cookie: `lectern.device=${device}` });
    expect(known.status).toBe(200);
  }, 120_000);

  it("counts a user's reads in Redis: a new sign-in brings no fresh budget", async () => {
    const email = uniqueEmail();
    const password = "a redis reader's password";
    const signedUp = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip: uniqueIp() });
    const spent = await redisClient(redisUrl!).set(`lectern:rate-limit:readsPerUser:${signedUp.body.user_id}`, rateLimitRules.readsPerUser.max, "EX", 60);
    expect(spent).toBe("OK");
    const again = await callJson(server.url, "/api/v1/auth/signin", { body: { email, password }, ip: uniqueIp() });
    expect((await callJson(server.url, "/api/v1/auth/profile", { token: again.body.session_token })).status).toBe(429);
  });

  it("keeps sessions in Redis too (Better Auth's secondary storage), and a sign-out ends one at once", async () => {
    const signedUp = await callJson(server.url, "/api/v1/auth/signup", {
      body: { email: uniqueEmail(), password: "a redis password", background: sampleBackground },
      ip: uniqueIp(),
    });
    const token = signedUp.body.session_token as string;
    expect(await redisClient(redisUrl!).exists(`lectern:auth:${token}`)).toBe(1);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token })).status).toBe(200);
    expect((await callJson(server.url, "/api/v1/auth/signout", { token, body: {} })).status).toBe(200);
    expect(await redisClient(redisUrl!).exists(`lectern:auth:${token}`)).toBe(0);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token })).status).toBe(401);
  });

  it("reports Redis in readiness", async () => {
    const report = await readiness();
    expect(report.checks.redis?.ok).toBe(true);
  });
});
