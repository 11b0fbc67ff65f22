import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

async function signUp() {
  const email = uniqueEmail();
  const password = "a guarded password";
  const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
  expect(answer.status).toBe(201);
  return { email, password, token: answer.body.session_token as string };
}

describe("deleting an account through Better Auth's own endpoint", () => {
  it("refuses a fresh session without the password, and the account survives", async () => {
    const { token } = await signUp();
    const answer = await callJson(server.url, "/api/auth/delete-user", { token, body: {} });
    expect(answer.status).toBe(400);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token })).status).toBe(200);
  });

  it("refuses a wrong password", async () => {
    const { token } = await signUp();
    const answer = await callJson(server.url, "/api/auth/delete-user", { token, body: { password: "not the password" } });
    expect(answer.status).toBe(400);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token })).status).toBe(200);
  });

  it("deletes with the password", async () => {
    const { token, password } = await signUp();
    const response = await call(server.url, "/api/auth/delete-user", { token, body: { password } });
    expect(response.status).toBe(200);
    expect((await callJson(server.url, "/api/v1/auth/profile", { token })).status).toBe(401);
  });
});
