import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { background, redisServer, scratch, send, startLectern, type Lectern, type RedisServer } from "./harness";

/**
 * With REDIS_URL, Redis holds the shared limits. Redis stopping must not turn sign-in into a
 * 500: it works, or fails closed with the envelope (503), fast. Once Redis is back the shared
 * limits count again. On the suite's own redis-server, never the shared one.
 */
const lecternPort = 4703;
const redisPort = 4720;
const dataDir = `${scratch}/redis-${randomUUID().slice(0, 8)}`;
/** No request hangs on a Redis that is gone (ioredis waits for one reconnect, with backoff, first). */
const answerBoundMs = 20_000;
let redis: RedisServer;
let lectern: Lectern;
beforeAll(async () => {
  redis = redisServer(redisPort);
  await redis.start();
  lectern = await startLectern(lecternPort, { DATA_DIR: dataDir, REDIS_URL: redis.url });
});
afterAll(async () => {
  await lectern?.stop();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const password = "a redis password";

function expectWorksOrFailsClosed(answer: Awaited<ReturnType<typeof send>>, what: string) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).not.toBe(500);
  expect(answer.status, what).toBeLessThan(504);
  if (answer.status >= 400) expect(answer.body?.error?.code, `${what}: ${answer.text.slice(0, 200)}`).toBeTruthy();
  expect(answer.ms, `${what} answered within the bound`).toBeLessThan(answerBoundMs);
}

describe("Redis stops and starts again", () => {
  it("sign-in works or fails closed while Redis is down, never a 500; the shared limits resume after", async () => {
    const email = `redis-${randomUUID()}@example.org`;
    const up = await send(lectern.url, "/api/v1/auth/signup", { body: { email, password, background } });
    expect(up.status).toBe(201);
    const token = up.body.session_token as string;

    await redis.stop();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectWorksOrFailsClosed(await send(lectern.url, "/api/v1/auth/signin", { body: { email, password } }), "contract sign-in");
      expectWorksOrFailsClosed(await send(lectern.url, "/api/auth/sign-in/email", { body: { email, password } }), "Better Auth sign-in");
      expectWorksOrFailsClosed(await send(lectern.url, "/api/v1/auth/profile", { token }), "profile");
      expectWorksOrFailsClosed(await send(lectern.url, "/api/auth/get-session", { token }), "get-session");
    }
    expect(lectern.alive()).toBe(true);

    await redis.start();
    const deadline = Date.now() + 30_000;
    let signedIn = false;
    while (!signedIn && Date.now() < deadline) {
      signedIn = (await send(lectern.url, "/api/v1/auth/signin", { body: { email, password } })).status === 200;
      if (!signedIn) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(signedIn, "sign-in works again once Redis is back").toBe(true);

    // Wrong passwords for one email from one address meet the shared limit again.
    const address = "10.99.0.1";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 25 && !statuses.includes(429); attempt += 1) {
      statuses.push((await send(lectern.url, "/api/v1/auth/signin", { ip: address, body: { email, password: "not the password" } })).status);
    }
    expect(statuses).toContain(429);
    const keys = spawnSync("redis-cli", ["-p", String(redisPort), "--scan"], { encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean);
    expect(keys.length, "the limits are counted in Redis").toBeGreaterThan(0);
  });
});
