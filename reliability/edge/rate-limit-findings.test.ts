import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";

/**
 * The probe's rate-limit findings, as an attacker would try them over HTTP (the limits are rows
 * of lib/rate-limit's table; these tests only say what a reader and a stranger see). Loops are
 * bounded by the table's budgets plus one.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "the right password";

async function reader() {
  const email = uniqueEmail("limits");
  const up = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } });
  expect(up.status).toBe(201);
  return { email, token: up.body.session_token as string, userId: up.body.user_id as string };
}

describe("rate-limit findings", () => {
  it("a stolen session cannot guess the password: verify-password meets 429 within a handful of wrong tries", async () => {
    const { token } = await reader();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8 && !statuses.includes(429); attempt += 1) {
      statuses.push((await callJson(server.url, "/api/auth/verify-password", { token, body: { password: `wrong guess ${attempt}` } })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBeLessThanOrEqual(6);
    // The budget covers every password check of the session, not one endpoint.
    const deletion = await callJson(server.url, "/api/auth/delete-user", { token, body: { password: "another wrong guess" } });
    expect(deletion.status).toBe(429);
  });

  it("no inbox is flooded: six reset requests for one email from six addresses leave at most three links", async () => {
    const { email, userId } = await reader();
    for (let request = 0; request < 6; request += 1) {
      const answer = await callJson(server.url, "/api/auth/request-password-reset", { ip: `10.66.1.${request + 1}`, body: { email } });
      expect(answer.status).toBeLessThan(500);
    }
    const links = await queryRows<{ identifier: string }>(
      sql`select identifier from verification where value = ${userId} and identifier like 'reset-password:%'`,
    );
    expect(links.length).toBeLessThanOrEqual(3);
  });

  it("a stranger's wrong passwords do not lock the reader out from the reader's own address", async () => {
    const { email } = await reader();
    const stranger = "10.66.2.1";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      statuses.push((await callJson(server.url, "/api/v1/auth/signin", { ip: stranger, body: { email, password: `guess ${attempt}` } })).status);
    }
    expect(statuses, "the stranger is slowed").toContain(429);
    const own = await callJson(server.url, "/api/v1/auth/signin", { ip: "10.66.2.2", body: { email, password } });
    expect(own.status, "the reader still signs in").toBe(200);
  });
});
