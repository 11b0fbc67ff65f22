import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { config } from "@/lib/config";
import { memorySessionStore, memorySessionStoreLimits, sessionStore, sessionStoreKind } from "./session-store";

/**
 * Sessions served from Better Auth's secondary storage (memory when embedded, as here) must
 * still end on the very next request however they end, and profile changes must show at once.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

async function reader() {
  const email = uniqueEmail();
  const password = "a cached password";
  const ip = uniqueIp();
  const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip });
  expect(answer.status).toBe(201);
  return { email, password, ip, token: answer.body.session_token as string };
}

const profileStatus = async (token: string) => (await callJson(server.url, "/api/v1/auth/profile", { token })).status;

describe("sessions in secondary storage", () => {
  it("is memory for the embedded database, Redis with REDIS_URL, and none on a server without Redis", () => {
    expect(sessionStoreKind({})).toBe("memory");
    expect(sessionStoreKind({ REDIS_URL: "redis://127.0.0.1:6379" })).toBe("redis");
    expect(sessionStoreKind({ DATABASE_URL: "postgres://db/lectern", REDIS_URL: "redis://127.0.0.1:6379" })).toBe("redis");
    expect(sessionStoreKind({ DATABASE_URL: "postgres://db/lectern" })).toBe("database only");
    expect(sessionStore() === undefined).toBe(sessionStoreKind(config()) === "database only");
  });

  it("a signed-out token fails on the next request", async () => {
    const { token } = await reader();
    expect(await profileStatus(token)).toBe(200);
    expect((await callJson(server.url, "/api/v1/auth/signout", { token, body: {} })).status).toBe(200);
    expect(await profileStatus(token)).toBe(401);
  });

  it("a refreshed token's predecessor fails on the next request", async () => {
    const { token } = await reader();
    expect(await profileStatus(token)).toBe(200);
    const refreshed = await callJson(server.url, "/api/v1/auth/refresh", { token, body: {} });
    expect(refreshed.status).toBe(200);
    expect(await profileStatus(token)).toBe(401);
    expect(await profileStatus(refreshed.body.session_token)).toBe(200);
  });

  it("signing out everywhere ends another session at once", async () => {
    const first = await reader();
    const second = await callJson(server.url, "/api/v1/auth/signin", { body: { email: first.email, password: first.password } });
    expect(await profileStatus(first.token)).toBe(200);
    expect((await callJson(server.url, "/api/auth/revoke-sessions", { token: second.body.session_token, body: {} })).status).toBe(200);
    expect(await profileStatus(first.token)).toBe(401);
  });

  it("a profile change shows in the next answer", async () => {
    const { token } = await reader();
    const put = await callJson(server.url, "/api/v1/auth/profile", { method: "PUT", token, body: { background: { software_experience: "expert" } } });
    expect(put.status).toBe(200);
    const next = await callJson(server.url, "/api/v1/auth/profile", { token });
    expect(next.body.background.software_experience).toBe("expert");
  });
});

describe("the memory store", () => {
  it("forgets an entry when its time to live has passed, and counts increments within one window", async () => {
    const store = memorySessionStore();
    await store.set("short", "value", 0.05);
    expect(await store.get("short")).toBe("value");
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.get("short")).toBeNull();
    expect([await store.increment("n", 60), await store.increment("n", 60)]).toEqual([1, 2]);
    expect(await store.getAndDelete("n")).toBe("2");
    expect(await store.get("n")).toBeNull();
  });

  it("keeps at most its entries: the least recently used session is dropped (and read from the database again)", async () => {
    const store = memorySessionStore();
    await store.set("first", "session", 600);
    await store.set("second", "session", 600);
    await store.get("first"); // used: "second" is now the least recent
    for (let index = 0; index < memorySessionStoreLimits.maxEntries - 1; index++) await store.set(`other ${index}`, "session", 600);
    expect(await store.get("first")).toBe("session");
    expect(await store.get("second")).toBeNull();
  });
});
