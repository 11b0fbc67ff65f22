import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";

/**
 * Finding: a NUL in a string field of Better Auth's endpoints (reset-password token,
 * update-user name) made Postgres refuse the value: an empty 500, and better-call printed the
 * raw database error (SQL and parameters, with the attacker's newlines) to stderr. Control
 * characters are refused at the edge of every route, in the envelope.
 */
let server: TestServer;
const printed: unknown[][] = [];
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args));
});
afterAll(() => server.close());
afterEach(() => {
  expect(printed.map((args) => args.map(String).join(" ")).join("\n")).not.toMatch(/SERVER_ERROR|Failed query|params:/);
});

async function signedIn() {
  const email = uniqueEmail();
  const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password: "control password", background: sampleBackground } });
  expect(answer.status).toBe(201);
  return { email, token: answer.body.session_token as string, userId: answer.body.user_id as string };
}

function expectRefused(answer: { status: number; body: { error?: { code?: string; details?: { reason?: string } } } }, what: string) {
  expect(answer.status, what).toBe(400);
  expect(answer.body.error?.code, what).toBe("INVALID_INPUT");
  expect(answer.body.error?.details?.reason, what).toMatch(/control character/);
}

const controls = ["\u0000", "\u0001", "\u0008", "\u000b", "\u001b", "\u007f", "\u0085", "\u009b"];

describe("control characters are refused at the edge", () => {
  it("in reset-password's token (was an empty 500)", async () => {
    for (const control of controls) {
      expectRefused(
        await callJson(server.url, "/api/auth/reset-password", { body: { token: `a${control}b`, newPassword: "a new password" } }),
        JSON.stringify(control),
      );
    }
  });

  it("in update-user's name (was an empty 500), and the name stays as it was", async () => {
    const { token, userId } = await signedIn();
    expectRefused(await callJson(server.url, "/api/auth/update-user", { token, body: { name: 'Ada\u0000\n{"level":50}' } }), "name");
    const [row] = await queryRows<{ name: string }>(sql`select name from "user" where id = ${userId}`);
    expect(row!.name).toBe("");
  });

  it("in every field of Better Auth's sign-in and sign-up and of the contract's routes", async () => {
    const { token } = await signedIn();
    const cases: Array<[string, Record<string, unknown>, string?]> = [
      ["/api/auth/sign-in/email", { email: "a\u0000@example.org", password: "whatever pass" }],
      ["/api/auth/sign-in/email", { email: "a@example.org", password: "pass\u0000word" }],
      ["/api/auth/sign-up/email", { email: uniqueEmail(), password: "password\u0000", name: "" }],
      ["/api/auth/request-password-reset", { email: "x\u0000@example.org" }],
      ["/api/v1/auth/signup", { email: uniqueEmail(), password: "pass\u0000word", background: sampleBackground }],
      ["/api/v1/auth/signin", { email: "a@example.org", password: "pass\u001bword" }],
      ["/api/auth/change-password", { currentPassword: "control password", newPassword: "new\u0000password" }, token],
    ];
    for (const [path, body, bearer] of cases) expectRefused(await callJson(server.url, path, { body, token: bearer }), `${path} ${JSON.stringify(body)}`);
    const put = await callJson(server.url, "/api/v1/auth/profile", { method: "PUT", token, body: { background: { hardware_knowledge: "none\u0000" } } });
    expectRefused(put, "PUT profile");
  });

  it("in a path segment or query parameter, decoded", async () => {
    expectRefused(await callJson(server.url, "/api/auth/reset-password/a%00b?callbackURL=/account"), "path");
    expectRefused(await callJson(server.url, "/api/v1/personalize?q=motor%00control"), "q");
    expectRefused(await callJson(server.url, "/api/auth/verify-email?token=a%0Ab"), "token");
  });

  it("still accepts a tab or line break typed into free text", async () => {
    const { token } = await signedIn();
    const answer = await callJson(server.url, "/api/auth/update-user", { token, body: { name: "Ada\tLovelace" } });
    expect(answer.status).toBe(200);
  });
});
