import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";

/**
 * Issue 21, finding 8: docs/security.md said sign-up answers an existing email like a new one.
 * It does not (DESIGN fixes 409 EMAIL_EXISTS for the contract); the page now says exactly which
 * answers tell, and this file holds both to the same facts. Sign-in still does not tell.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "a sign-up password";
const securityPage = readFileSync(path.join(import.meta.dirname, "../../docs/security.md"), "utf8");
const enumerationRow = securityPage.split("\n").find((line) => line.startsWith("- **account enumeration**")) ?? "";

describe("what sign-up tells about an existing email", () => {
  it("the contract answers 409 EMAIL_EXISTS and Better Auth's route 422, as docs/security.md says", async () => {
    const email = uniqueEmail();
    expect((await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } })).status).toBe(201);
    const again = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
    expect([again.status, again.body.error.code]).toEqual([409, "EMAIL_EXISTS"]);
    const betterAuth = await callJson(server.url, "/api/auth/sign-up/email", { body: { email, password, name: "" } });
    expect(betterAuth.status).toBe(422);

    expect(enumerationRow).toMatch(/sign-up tells/);
    expect(enumerationRow).toMatch(/409 `EMAIL_EXISTS`/);
    expect(enumerationRow).toMatch(/422/);
    expect(enumerationRow).not.toMatch(/unknown emails \(sign-in, sign-up/);
  }, 60_000);

  it("sign-in answers a wrong password and an unknown email alike", async () => {
    const email = uniqueEmail();
    await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
    const wrong = await callJson(server.url, "/api/v1/auth/signin", { body: { email, password: "not the password" } });
    const unknown = await callJson(server.url, "/api/v1/auth/signin", { body: { email: uniqueEmail(), password: "not the password" } });
    expect([wrong.status, wrong.body]).toEqual([unknown.status, unknown.body]);
  }, 60_000);
});
