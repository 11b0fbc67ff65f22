import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

/** A common password is refused on every path that sets one, and nothing is created or changed (NIST 800-63B). */
describe("common passwords", () => {
  it("are refused by the REST sign-up in the contract's envelope", async () => {
    const email = uniqueEmail();
    const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password: "password", background: sampleBackground } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBeTruthy();
    expect(JSON.stringify(answer.body.error)).toMatch(/too common/);
    const signIn = await callJson(server.url, "/api/v1/auth/signin", { body: { email, password: "password" } });
    expect(signIn.status).toBe(401);
  });

  it("are refused by Better Auth's own sign-up endpoint", async () => {
    const answer = await callJson(server.url, "/api/auth/sign-up/email", { body: { email: uniqueEmail(), password: "iloveyou", name: "" } });
    expect(answer.status).toBe(400);
    expect(answer.body.code ?? answer.body.error?.code).toMatch(/PASSWORD_TOO_COMMON|VALIDATION/);
  });

  it("are refused by Better Auth's change-password endpoint, and the old password still works", async () => {
    const email = uniqueEmail();
    const password = "an uncommon first password";
    const signUp = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
    expect(signUp.status).toBe(201);
    const token = signUp.body.session_token as string;
    const change = await callJson(server.url, "/api/auth/change-password", { token, body: { currentPassword: password, newPassword: "football" } });
    expect(change.status).toBe(400);
    expect((await callJson(server.url, "/api/v1/auth/signin", { body: { email, password } })).status).toBe(200);
  });
});
