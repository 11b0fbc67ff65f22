import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail, uniqueIp, type Answer } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { consumeRule, rateLimitRules } from "./index";

/**
 * One way to limit (issue 24, item 2): a session has one read and one write budget whichever path
 * spends it (the contract's routes, Better Auth's endpoints), and its user has one too, so signing
 * in again brings no fresh budget (DESIGN "Rate limits": "the session, and the user").
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "a reader's password";

async function signUp(): Promise<{ email: string; token: string; userId: string }> {
  const email = uniqueEmail("budget");
  const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip: uniqueIp() });
  expect(answer.status).toBe(201);
  return { email, token: answer.body.session_token, userId: answer.body.user_id };
}

async function signIn(email: string): Promise<string> {
  const answer = await callJson(server.url, "/api/v1/auth/signin", { body: { email, password }, ip: uniqueIp() });
  expect(answer.status).toBe(200);
  return answer.body.session_token;
}

const progressWrite = (token: string, index: number) =>
  callJson(server.url, "/api/v1/progress", {
    method: "PUT",
    token,
    body: { sections: [{ url: `/docs/budget/${index}`, state: "read", at: new Date().toISOString() }] },
  });
const profileWrite = (token: string) => callJson(server.url, "/api/v1/auth/profile", { method: "PUT", token, body: { background: sampleBackground } });
const betterAuthWrite = (token: string, index: number) => callJson(server.url, "/api/auth/update-user", { token, body: { name: `reader ${index}` } });
const profileRead = (token: string) => callJson(server.url, "/api/v1/auth/profile", { token });

describe("one session, one write budget", () => {
  it("writes through the contract's routes and Better Auth's endpoint spend the same budget", async () => {
    const { token } = await signUp();
    const { max } = rateLimitRules.writesPerSession;
    const answers: Answer[] = [];
    for (let write = 0; write < max; write += 1) {
      const path = write % 3;
      answers.push(await (path === 0 ? progressWrite(token, write) : path === 1 ? profileWrite(token) : betterAuthWrite(token, write)));
    }
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => [answer.status, answer.body])).toEqual([]);
    for (const next of [progressWrite(token, max), profileWrite(token), betterAuthWrite(token, max)]) {
      const answer = await next;
      expect([answer.status, answer.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
    }
  }, 180_000);
});

describe("a new sign-in brings no fresh budget", () => {
  // Spent in-process (the fast store is this process's memory, or the same Redis) rather than by a thousand requests.
  const spend = async (rule: "writesPerUser" | "readsPerUser", userId: string) => {
    for (let spent = 0; spent < rateLimitRules[rule].max; spent += 1) await consumeRule(rule, userId);
  };

  it("the user's write budget, spent, refuses a new session's writes; its reads go on", async () => {
    const { email, userId } = await signUp();
    await spend("writesPerUser", userId);
    const fresh = await signIn(email);
    expect((await progressWrite(fresh, 0)).status).toBe(429);
    expect((await betterAuthWrite(fresh, 0)).status).toBe(429);
    expect((await profileRead(fresh)).status).toBe(200);
  });

  it("the user's read budget, spent, refuses a new session's reads, on the contract and get-session alike", async () => {
    const { email, userId } = await signUp();
    await spend("readsPerUser", userId);
    const fresh = await signIn(email);
    const read = await profileRead(fresh);
    expect([read.status, read.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
    expect((await callJson(server.url, "/api/auth/get-session", { token: fresh })).status).toBe(429);
    // Another reader is not affected.
    expect((await profileRead((await signUp()).token)).status).toBe(200);
  });
});
