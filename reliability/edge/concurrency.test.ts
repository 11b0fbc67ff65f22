import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readProfile, sealedChangeLevels, type Background } from "@/lib/profile";
import { callJson, sampleBackground } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";

/**
 * Races over real HTTP, on PGlite or (TEST_DATABASE_URL) its own database on the Postgres
 * server: many readers signing up at once, one email claimed fifty times at once, and one
 * reader's background changed from many requests at once.
 */
isolateBookDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

/** Distinct client addresses, so no per-address limit is what the test measures. */
const addressOf = (index: number) => `10.77.${Math.floor(index / 250)}.${(index % 250) + 1}`;

const answers = {
  software_experience: ["beginner", "intermediate", "expert"],
  programming_background: ["none", "basic", "intermediate", "advanced"],
  hardware_knowledge: ["none", "basic", "intermediate", "advanced"],
} as const;

function backgroundNumber(index: number): Background {
  return {
    software_experience: answers.software_experience[index % 3]!,
    programming_background: answers.programming_background[Math.floor(index / 3) % 4]!,
    hardware_knowledge: answers.hardware_knowledge[Math.floor(index / 12) % 4]!,
  };
}

describe("concurrent writes", () => {
  it("200 sign-ups at once, each from its own address: 200 readers, each with a complete background", async () => {
    const run = randomUUID().slice(0, 8);
    const emails = Array.from({ length: 200 }, (_, index) => `crowd-${run}-${index}@example.org`);
    const results = await Promise.all(
      emails.map((email, index) =>
        callJson(server.url, "/api/v1/auth/signup", {
          ip: addressOf(index),
          body: { email, password: "a crowd password", background: backgroundNumber(index) },
        }),
      ),
    );
    expect(results.map((answer) => answer.status).filter((status) => status !== 201)).toEqual([]);
    const users = await queryRows<{ id: string; email: string }>(sql`select id, email from "user" where email like ${`crowd-${run}-%`}`);
    expect(users).toHaveLength(200);
    for (const user of users) {
      const profile = await readProfile(user.id);
      expect(profile.profileCompleted, user.email).toBe(true);
      expect(profile.background).toEqual(backgroundNumber(Number(user.email.split("-")[2]!.split("@")[0])));
    }
  }, 300_000);

  it("one email signed up 50 times at once in mixed case: one reader, 49 EMAIL_EXISTS, never a 429 or 5xx", async () => {
    const email = `Race-${randomUUID()}@Example.org`;
    const spellings = Array.from({ length: 50 }, (_, index) =>
      [...email].map((char, at) => ((index >> (at % 6)) & 1 ? char.toUpperCase() : char.toLowerCase())).join(""),
    );
    const results = await Promise.all(
      spellings.map((spelling, index) =>
        callJson(server.url, "/api/v1/auth/signup", {
          ip: addressOf(1000 + index),
          body: { email: spelling, password: "a racing password", background: sampleBackground },
        }),
      ),
    );
    const statuses = results.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const answer of results.filter((result) => result.status === 409)) expect(answer.body.error.code).toBe("EMAIL_EXISTS");
    const users = await queryRows<{ id: string }>(sql`select id from "user" where lower(email) = ${email.toLowerCase()}`);
    expect(users).toHaveLength(1);
    expect((await readProfile(users[0]!.id)).profileCompleted).toBe(true);
  }, 180_000);

  it("concurrent background updates of one reader: the last write wins and the audit has every change, in order", async () => {
    const up = await callJson(server.url, "/api/v1/auth/signup", {
      body: { email: `busy-${randomUUID()}@example.org`, password: "a busy password", background: backgroundNumber(47) },
    });
    expect(up.status).toBe(201);
    const { session_token: token, user_id: userId } = up.body;
    const updates = Array.from({ length: 24 }, (_, index) => backgroundNumber(index));
    const results = await Promise.all(
      updates.map((background) => callJson(server.url, "/api/v1/auth/profile", { method: "PUT", token, body: { background } })),
    );
    expect(results.map((answer) => answer.status).filter((status) => status !== 200)).toEqual([]);
    const rows = await queryRows<{ id: string | number; details: { fields: string[]; levels: string } | string }>(
      sql`select id, details from audit_event where user_id = ${userId} and event = 'profile_change' order by id`,
    );
    expect(rows).toHaveLength(updates.length);
    type Change = { field: keyof Background; from: string | null; to: string };
    let state: Background = backgroundNumber(47);
    for (const row of rows) {
      const details = typeof row.details === "string" ? JSON.parse(row.details) : row.details;
      const changes = JSON.parse(sealedChangeLevels.open(details.levels, [row.id])) as Change[];
      for (const change of changes) {
        expect(change.from, "each change starts where the previous one ended").toBe(state[change.field]);
        state = { ...state, [change.field]: change.to };
      }
    }
    expect((await readProfile(userId)).background).toEqual(state);
    const latest = results
      .map((answer) => answer.body)
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at))
      .at(-1);
    expect(latest.background).toEqual(state);
  }, 180_000);
});
