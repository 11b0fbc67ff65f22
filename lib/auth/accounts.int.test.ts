import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { ApiError } from "@/lib/http";
import { readProfile, sealedChangeLevels, updateBackground } from "@/lib/profile";
import { call, callJson, cookiesOf, sampleBackground, serverRequest, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { readerFromRequest, refreshSession, signInReader, signOutReader, signUpReader, userIdForEmail } from "./index";
import { queryRows } from "@/testing/query-rows";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(async () => {
  await server?.close();
});

const rows = queryRows;

/**
 * These tests move a session's times in the database as if days had passed; the copy Better
 * Auth serves from its secondary storage (lib/auth/session-store.ts) must be dropped with them.
 */
async function forgetCachedSession(token: string): Promise<void> {
  const { getAuth } = await import("./index");
  await (await (await getAuth()).$context).secondaryStorage?.delete(token);
}

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function newReader(background = sampleBackground) {
  const email = uniqueEmail();
  const password = "correct horse battery";
  const result = await signUpReader({ email, password, background }, serverRequest());
  return { ...result, password };
}

async function auditRows(userId: string) {
  return rows<{ id: string | number; event: string; ip_address: string | null; user_agent: string | null; details: Record<string, unknown> }>(
    sql`select id, event, ip_address, user_agent, details from audit_event where user_id = ${userId} order by id`,
  );
}

describe("sign-up", () => {
  const valid = { email: "a@example.org", password: "long enough", background: sampleBackground };
  const matrix: [string, unknown, string][] = [
    ["malformed email", { ...valid, email: "not-an-email" }, "email"],
    ["missing email", { password: valid.password, background: valid.background }, "email"],
    ["password of 7 characters", { ...valid, password: "1234567" }, "password"],
    ["password of 129 characters", { ...valid, password: "x".repeat(129) }, "password"],
    ["missing background", { email: valid.email, password: valid.password }, "background"],
    ["missing software_experience", { ...valid, background: { ...sampleBackground, software_experience: undefined } }, "background.software_experience"],
    [
      "missing programming_background",
      { ...valid, background: { software_experience: "beginner", hardware_knowledge: "none" } },
      "background.programming_background",
    ],
    ["hardware_knowledge outside its enum", { ...valid, background: { ...sampleBackground, hardware_knowledge: "guru" } }, "background.hardware_knowledge"],
    [
      "software_experience given a depth level",
      { ...valid, background: { ...sampleBackground, software_experience: "none" } },
      "background.software_experience",
    ],
    ["an extra background field", { ...valid, background: { ...sampleBackground, favourite_robot: "R2" } }, "background.favourite_robot"],
    ["emailVerified set by the client", { ...valid, emailVerified: true }, "emailVerified"],
    ["an id set by the client", { ...valid, id: "chosen" }, "id"],
  ];
  // Input is parsed once, at the edge (the route here, the action on the page): it is the edge that refuses.
  it.each(matrix)("rejects %s as INVALID_INPUT naming the field", async (_name, input, field) => {
    const answer = await callJson(server.url, "/api/v1/auth/signup", { body: input });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field } });
  });

  it("accepts passwords of exactly 8 and 128 characters", async () => {
    for (const password of ["tq9#vmz4", "p".repeat(128)]) {
      const result = await signUpReader({ email: uniqueEmail(), password, background: sampleBackground }, serverRequest());
      expect(result.profileCompleted).toBe(true);
    }
  });

  it("refuses a duplicate email in any letter case with EMAIL_EXISTS", async () => {
    const reader = await newReader();
    const shouted = reader.email.toUpperCase();
    const error = await apiErrorOf(signUpReader({ email: shouted, password: "another password", background: sampleBackground }, serverRequest()));
    expect(error.code).toBe("EMAIL_EXISTS");
    expect(error.status).toBe(409);
    // Better Auth's own endpoint refuses it too, and no second user appears.
    const direct = await call(server.url, "/api/auth/sign-up/email", { body: { email: shouted, password: "another password", name: "" } });
    expect(direct.status).toBe(422);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from "user" where lower(email) = ${reader.email}`);
    expect(count!.n).toBe(1);
  });

  it("returns a working session token and stores the background encrypted", async () => {
    const reader = await newReader();
    const me = await readerFromRequest(serverRequest({ token: reader.sessionToken! }));
    expect(me).toMatchObject({ userId: reader.userId, email: reader.email, background: sampleBackground, profileCompleted: true });
    const [row] = await rows<Record<string, unknown>>(sql`select * from reader_profile where user_id = ${reader.userId}`);
    const rawRow = JSON.stringify(row);
    for (const value of ["intermediate", "basic", "none", "software_experience"]) expect(rawRow).not.toContain(value);
    // v2: the format, then the key id; the value is bound to this reader's row (ADR-0034).
    expect(String(row!.background_ciphertext)).toMatch(/^v2:t1:[^:]+:[^:]+:[^:]+$/);
  });

  it("leaves a reader who can finish when the background write fails after the user exists", async () => {
    const email = uniqueEmail("profile-write-fails");
    // A trigger that fails the profile insert for this one reader, as a lost connection would.
    const db = await database();
    await db.execute(
      sql.raw(`
      create or replace function fail_profile_for_test() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from "user" where id = new.user_id and email = '${email}') then
          raise exception 'simulated failure';
        end if;
        return new;
      end $$`),
    );
    await db.execute(sql.raw(`drop trigger if exists fail_profile_for_test on reader_profile`));
    await db.execute(sql.raw(`create trigger fail_profile_for_test before insert on reader_profile for each row execute function fail_profile_for_test()`));
    try {
      const result = await signUpReader({ email, password: "correct horse battery", background: sampleBackground }, serverRequest());
      expect(result.profileCompleted).toBe(false);
      expect(result.background).toBeNull();
      const me = await readerFromRequest(serverRequest({ token: result.sessionToken! }));
      expect(me?.profileCompleted).toBe(false);
    } finally {
      await (await database()).execute(sql.raw(`drop trigger if exists fail_profile_for_test on reader_profile`));
    }
    const userId = (await userIdForEmail(email))!;
    const finished = await updateBackground(userId, sampleBackground, { ip: null, userAgent: null });
    expect(finished.background).toEqual(sampleBackground);
    expect((await readProfile(userId)).profileCompleted).toBe(true);
  });
});

describe("a user created without a background (Better Auth's own sign-up)", () => {
  it("has profileCompleted false and must give all three answers before a partial update", async () => {
    const email = uniqueEmail();
    const response = await call(server.url, "/api/auth/sign-up/email", { body: { email, password: "correct horse battery", name: "" } });
    expect(response.status).toBe(200);
    const token = (await response.json()).token as string;
    const me = await readerFromRequest(serverRequest({ token }));
    expect(me).toMatchObject({ background: null, profileCompleted: false });
    const partial = await apiErrorOf(updateBackground(me!.userId, { hardware_knowledge: "basic" }, { ip: null, userAgent: null }));
    expect(partial.code).toBe("INVALID_INPUT");
    expect(partial.details?.field).toBe("background.software_experience");
    await updateBackground(me!.userId, sampleBackground, { ip: null, userAgent: null });
    expect((await readerFromRequest(serverRequest({ token })))?.profileCompleted).toBe(true);
  });
});

describe("mass assignment", () => {
  it("ignores emailVerified, id and timestamps sent to Better Auth's sign-up endpoint", async () => {
    const email = uniqueEmail();
    const response = await call(server.url, "/api/auth/sign-up/email", {
      body: { email, password: "correct horse battery", name: "", emailVerified: true, id: "attacker-chosen", createdAt: "2001-01-01T00:00:00Z" },
    });
    expect(response.status).toBe(200);
    const [row] = await rows<{ id: string; email_verified: boolean; old: boolean }>(
      sql`select id, email_verified, created_at < now() - interval '1 day' as old from "user" where email = ${email}`,
    );
    expect(row).toMatchObject({ email_verified: false, old: false });
    expect(row!.id).not.toBe("attacker-chosen");
  });

  it("does not let update-user set emailVerified or the email", async () => {
    const reader = await newReader();
    const response = await call(server.url, "/api/auth/update-user", {
      body: { emailVerified: true, email: uniqueEmail("hijack") },
      token: reader.sessionToken!,
    });
    expect(response.status).toBe(400);
    const [row] = await rows<{ email: string; email_verified: boolean }>(sql`select email, email_verified from "user" where id = ${reader.userId}`);
    expect(row).toEqual({ email: reader.email, email_verified: false });
  });
});

describe("sign-in", () => {
  it("answers a wrong password and an unknown email identically", async () => {
    const reader = await newReader();
    const wrongPassword = await apiErrorOf(signInReader({ email: reader.email, password: "wrong password" }, serverRequest()));
    const unknownEmail = await apiErrorOf(signInReader({ email: uniqueEmail(), password: "wrong password" }, serverRequest()));
    expect(wrongPassword.code).toBe("INVALID_CREDENTIALS");
    expect([unknownEmail.code, unknownEmail.message, unknownEmail.status]).toEqual([wrongPassword.code, wrongPassword.message, wrongPassword.status]);
    const events = (await auditRows(reader.userId)).map((row) => row.event);
    expect(events).toContain("sign_in_failed");
  });

  it("signs in with the email in another letter case and returns the background", async () => {
    const reader = await newReader();
    const result = await signInReader({ email: reader.email.toUpperCase(), password: reader.password }, serverRequest());
    expect(result).toMatchObject({ userId: reader.userId, background: sampleBackground });
    expect(result.sessionToken).not.toBe(reader.sessionToken);
  });
});

describe("sessions", () => {
  it("slides: a session used after a day of inactivity is extended to a full week", async () => {
    const reader = await newReader();
    // As if created almost a week ago and last used 30 hours ago: one hour left.
    await (
      await database()
    ).execute(sql`
      update session set expires_at = now() + interval '1 hour', updated_at = now() - interval '30 hours'
      where token = ${reader.sessionToken}`);
    await forgetCachedSession(reader.sessionToken!);
    const response = await call(server.url, "/api/auth/get-session", { token: reader.sessionToken! });
    expect(response.status).toBe(200);
    expect((await response.json())?.user?.id).toBe(reader.userId);
    const [row] = await rows<{ expires_at: Date }>(sql`select expires_at from session where token = ${reader.sessionToken}`);
    const daysLeft = (new Date(row!.expires_at).getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(6.9);
  });

  it("stays valid after 24 hours of inactivity", async () => {
    const reader = await newReader();
    await (
      await database()
    ).execute(sql`
      update session set updated_at = now() - interval '25 hours', created_at = now() - interval '25 hours'
      where token = ${reader.sessionToken}`);
    await forgetCachedSession(reader.sessionToken!);
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).not.toBeNull();
  });

  it("ends at expiry", async () => {
    const reader = await newReader();
    await (await database()).execute(sql`update session set expires_at = now() - interval '1 second' where token = ${reader.sessionToken}`);
    await forgetCachedSession(reader.sessionToken!);
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).toBeNull();
    const response = await call(server.url, "/api/auth/get-session", { token: reader.sessionToken! });
    expect(await response.json()).toBeNull();
  });

  it("revokes another session at once through Better Auth's endpoint", async () => {
    const reader = await newReader();
    const second = await signInReader({ email: reader.email, password: reader.password }, serverRequest());
    expect(await readerFromRequest(serverRequest({ token: second.sessionToken }))).not.toBeNull();
    const response = await call(server.url, "/api/auth/revoke-session", { body: { token: second.sessionToken }, token: reader.sessionToken! });
    expect(response.status).toBe(200);
    expect(await readerFromRequest(serverRequest({ token: second.sessionToken }))).toBeNull();
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).not.toBeNull();
    expect((await auditRows(reader.userId)).map((row) => row.event)).toContain("session_revoked");
  });

  it("kills the token at sign-out, and a second sign-out is UNAUTHORIZED", async () => {
    const reader = await newReader();
    await signOutReader(serverRequest({ token: reader.sessionToken! }));
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).toBeNull();
    const error = await apiErrorOf(signOutReader(serverRequest({ token: reader.sessionToken! })));
    expect(error.code).toBe("UNAUTHORIZED");
    expect((await auditRows(reader.userId)).map((row) => row.event)).toContain("sign_out");
  });

  it("refresh issues a new token and the old one stops working", async () => {
    const reader = await newReader();
    const { sessionToken } = await refreshSession(serverRequest({ token: reader.sessionToken! }));
    expect(sessionToken).not.toBe(reader.sessionToken);
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).toBeNull();
    expect((await readerFromRequest(serverRequest({ token: sessionToken })))?.userId).toBe(reader.userId);
  });

  it("shows a profile update in the very next request (no cached session data)", async () => {
    const reader = await newReader();
    const cookie = cookiesOf(await call(server.url, "/api/auth/sign-in/email", { body: { email: reader.email, password: reader.password } }));
    await updateBackground(reader.userId, { hardware_knowledge: "advanced" }, { ip: null, userAgent: null });
    expect((await readerFromRequest(serverRequest({ cookie })))?.background?.hardware_knowledge).toBe("advanced");
  });
});

describe("encryption at rest and audit", () => {
  it("keeps every background value out of plain sight in reader_profile and audit_event", async () => {
    const reader = await newReader({ software_experience: "expert", programming_background: "advanced", hardware_knowledge: "intermediate" });
    await updateBackground(reader.userId, { hardware_knowledge: "basic" }, { ip: "10.1.2.3", userAgent: "suite" });
    const profileRows = JSON.stringify(await rows(sql`select * from reader_profile where user_id = ${reader.userId}`));
    const auditText = JSON.stringify(await auditRows(reader.userId));
    for (const value of ["expert", "advanced", "intermediate", "basic"]) {
      expect(profileRows).not.toContain(value);
      expect(auditText).not.toContain(value);
    }
  });

  it("records sign-up, sign-in, profile change with field names and old/new level, never a secret", async () => {
    const reader = await newReader();
    const ip = uniqueIp();
    await signInReader({ email: reader.email, password: reader.password }, serverRequest({ ip }));
    await updateBackground(reader.userId, { software_experience: "expert", hardware_knowledge: "none" }, { ip, userAgent: "suite" });
    const audit = await auditRows(reader.userId);
    expect(audit.map((row) => row.event)).toEqual(["sign_up", "sign_in", "profile_change"]);
    const signIn = audit[1]!;
    expect([signIn.ip_address, signIn.user_agent]).toEqual([ip, "accounts-suite"]);
    const change = audit[2]!;
    // hardware_knowledge was already "none": only the field that changed is recorded.
    expect(change.details.fields).toEqual(["software_experience"]);
    expect(JSON.parse(sealedChangeLevels.open(String(change.details.levels), [change.id]))).toEqual([
      { field: "software_experience", from: "intermediate", to: "expert" },
    ]);
    const everything = JSON.stringify(audit);
    expect(everything).not.toContain(reader.password);
    expect(everything).not.toContain(reader.sessionToken!);
    expect(everything).not.toContain(reader.email);
  });

  it("deleting the account removes user, profile and sessions and keeps anonymous audit and personalization rows", async () => {
    const reader = await newReader();
    await (
      await database()
    ).execute(sql`
      insert into personalization_event (user_id, query, engine, result_count, latency_ms)
      values (${reader.userId}, 'motor control', 'postgres', 3, 1.5)`);
    const response = await call(server.url, "/api/auth/delete-user", { body: { password: reader.password }, token: reader.sessionToken! });
    expect(response.status).toBe(200);
    for (const table of ["user", "reader_profile", "session"]) {
      const column = table === "user" ? "id" : "user_id";
      const [count] = await rows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${reader.userId}`,
      );
      expect(count!.n, table).toBe(0);
    }
    expect(await auditRows(reader.userId)).toEqual([]);
    const [events] = await rows<{ n: number }>(sql`select count(*)::int as n from personalization_event where user_id = ${reader.userId}`);
    expect(events!.n).toBe(0);
    const [deleted] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_event where event = 'account_deleted' and user_id is null`);
    expect(deleted!.n).toBeGreaterThan(0);
  });
});

describe("origins", () => {
  it("answers the book's preflight for Better Auth's endpoints with a credentialed CORS grant", async () => {
    const response = await fetch(new URL("/api/auth/sign-in/email", server.url), {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3001", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3001");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("refuses a cookie-authenticated request from an origin outside BOOK_ORIGINS", async () => {
    const reader = await newReader();
    const cookie = cookiesOf(await call(server.url, "/api/auth/sign-in/email", { body: { email: reader.email, password: reader.password } }));
    const forged = await call(server.url, "/api/auth/revoke-sessions", { body: {}, cookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("access-control-allow-origin")).toBeNull();
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).not.toBeNull();
    const fromBook = await call(server.url, "/api/auth/revoke-sessions", { body: {}, cookie, origin: "http://book.test" });
    expect(fromBook.status).toBe(200);
    expect(await readerFromRequest(serverRequest({ token: reader.sessionToken! }))).toBeNull();
  });
});

describe("JWT for other services", () => {
  it("issues a JWT verifiable with the JWKS, carrying sub, email and background", async () => {
    const { createLocalJWKSet, jwtVerify } = await import("jose");
    const reader = await newReader();
    const tokenResponse = await call(server.url, "/api/auth/token", { token: reader.sessionToken! });
    const { token } = (await tokenResponse.json()) as { token: string };
    const jwks = await (await call(server.url, "/api/auth/jwks")).json();
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: "http://localhost:3000", audience: "http://localhost:3000" });
    expect(payload).toMatchObject({ sub: reader.userId, email: reader.email, background: sampleBackground, profile_complete: true, profile_completed: true });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
  });
});
