import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountExport } from "@/lib/admin";
import { rateLimitRules } from "@/lib/rate-limit";
import { call, callJson, cookiesOf, sampleBackground, serverRequest, uniqueEmail, uniqueIp } from "@/testing/accounts";
import type { TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";
import { mailText, startServerWithMail, type SmtpCapture } from "@/testing/smtp";
import { authenticationResponse, newSoftwarePasskey, registrationResponse, type SoftwarePasskey } from "@/testing/webauthn";
import {
  deleteReaderAccount,
  listReaderPasskeys,
  listReaderSessions,
  readerFromRequest,
  removeReaderPasskey,
  renameReaderPasskey,
  signInReader,
  signUpReader,
} from "./index";

/**
 * Passkeys through Better Auth's passkey plugin on Lectern's real edge (the /api/auth route,
 * its hooks, limits and audit), on a real database. The authenticator is testing/webauthn's
 * software one (Node has no WebAuthn); the server's verification is the real one. The browser
 * journey with Chromium's virtual authenticator is e2e/passkeys.spec.ts.
 */

/** BETTER_AUTH_URL in the suites: the passkeys' origin and relying party. */
const lectern = "http://localhost:3000";
const password = "a passkey reader's password";

let smtp: SmtpCapture;
let server: TestServer;
let closeMail: () => Promise<void>;
beforeAll(async () => {
  ({ smtp, server, close: closeMail } = await startServerWithMail());
});
afterAll(() => closeMail?.());

async function newReader() {
  const email = uniqueEmail("passkey");
  const signedUp = await signUpReader({ email, password, background: sampleBackground }, serverRequest());
  return { email, userId: signedUp.userId, token: signedUp.sessionToken! };
}

/** The account page's ceremony: options from Lectern, the authenticator's answer back (with the challenge cookie). */
async function addPasskey(token: string, device: SoftwarePasskey, name?: string, ip = uniqueIp()) {
  const options = await call(server.url, "/api/auth/passkey/generate-register-options", { token, ip });
  if (options.status !== 200) return { status: options.status, body: await options.json() };
  const challenge = cookiesOf(options);
  const response = registrationResponse(device, await options.json());
  return callJson(server.url, "/api/auth/passkey/verify-registration", { token, ip, cookie: challenge, origin: lectern, body: { response, name } });
}

/** The sign-in page's ceremony, with no email and no password. */
async function signInWithPasskey(device: SoftwarePasskey, ip = uniqueIp()) {
  const options = await call(server.url, "/api/auth/passkey/generate-authenticate-options", { ip, origin: lectern });
  expect(options.status).toBe(200);
  const challenge = cookiesOf(options);
  const response = authenticationResponse(device, await options.json());
  return callJson(server.url, "/api/auth/passkey/verify-authentication", { ip, cookie: challenge, origin: lectern, body: { response } });
}

function sessionTokenOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((line) => line.startsWith("lectern.session_token="));
  if (!cookie) throw new Error("no session cookie");
  return decodeURIComponent(cookie.split(";")[0]!.slice("lectern.session_token=".length)).split(".")[0]!;
}

async function auditRows(userId: string) {
  return queryRows<{ event: string; details: Record<string, unknown> }>(sql`select event, details from audit_event where user_id = ${userId} order by id`);
}

describe("passkeys: add one, sign in with it, list and remove", () => {
  it("adds a named passkey to a signed-in reader and signs in with it, no password", async () => {
    const reader = await newReader();
    const device = newSoftwarePasskey({ origin: lectern });
    const added = await addPasskey(reader.token, device, "Work laptop");
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ name: "Work laptop", userId: reader.userId, deviceType: "multiDevice", backedUp: true });

    const signedIn = await signInWithPasskey(device);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: reader.userId, email: reader.email });
    // The answer carries no session token; the session is the cookie alone (lib/auth/edge).
    expect(signedIn.body.session.token).toBeUndefined();
    const token = sessionTokenOf(signedIn.headers);
    expect((await readerFromRequest(serverRequest({ token })))?.userId).toBe(reader.userId);

    // The passkey's session is one of the reader's sessions like any other (the /account list).
    const sessions = await listReaderSessions(serverRequest({ token: reader.token }));
    expect(sessions).toHaveLength(2);

    const listed = await listReaderPasskeys(serverRequest({ token }));
    expect(listed).toEqual([expect.objectContaining({ name: "Work laptop", deviceType: "multiDevice", backedUp: true, authenticator: null })]);

    const rows = await auditRows(reader.userId);
    const passkeyId = listed[0]!.id;
    expect(rows).toEqual(
      expect.arrayContaining([
        { event: "passkey_added", details: { passkey_id: passkeyId, device_type: "multiDevice" } },
        { event: "sign_in", details: { method: "passkey" } },
      ]),
    );
  });

  it("renames and removes a passkey; a removed passkey no longer signs in, with a clear answer and an audit row", async () => {
    const reader = await newReader();
    const device = newSoftwarePasskey({ origin: lectern, synced: false });
    expect((await addPasskey(reader.token, device)).status).toBe(200);
    const request = serverRequest({ token: reader.token });
    const [stored] = await listReaderPasskeys(request);
    expect(stored).toMatchObject({ name: null, deviceType: "singleDevice", backedUp: false });

    await renameReaderPasskey(request, stored!.id, "Yellow key");
    expect((await listReaderPasskeys(request))[0]!.name).toBe("Yellow key");

    await removeReaderPasskey(request, stored!.id);
    expect(await listReaderPasskeys(request)).toEqual([]);
    await expect(removeReaderPasskey(request, stored!.id)).rejects.toMatchObject({ code: "INVALID_INPUT", status: 404 });

    const refused = await signInWithPasskey(device);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: "PASSKEY_NOT_FOUND", message: expect.stringMatching(/passkey not found/i) });
    expect(refused.headers.getSetCookie().some((line) => line.startsWith("lectern.session_token="))).toBe(false);

    expect(await auditRows(reader.userId)).toEqual(expect.arrayContaining([{ event: "passkey_removed", details: { passkey_id: stored!.id } }]));
    const failures = await queryRows<{ user_id: string | null; details: Record<string, unknown> }>(
      sql`select user_id, details from audit_event where event = 'sign_in_failed' and details->>'method' = 'passkey' order by id desc limit 1`,
    );
    // The removed passkey names nobody any more.
    expect(failures).toEqual([{ user_id: null, details: { method: "passkey", reason: "PASSKEY_NOT_FOUND" } }]);
  });

  it("a reader cannot remove or rename another reader's passkey", async () => {
    const owner = await newReader();
    const other = await newReader();
    expect((await addPasskey(owner.token, newSoftwarePasskey({ origin: lectern }))).status).toBe(200);
    const [stored] = await listReaderPasskeys(serverRequest({ token: owner.token }));
    const stranger = serverRequest({ token: other.token });
    await expect(removeReaderPasskey(stranger, stored!.id)).rejects.toMatchObject({ code: "INVALID_INPUT", status: 404 });
    await expect(renameReaderPasskey(stranger, stored!.id, "mine now")).rejects.toMatchObject({ code: "INVALID_INPUT", status: 404 });
    expect(await listReaderPasskeys(serverRequest({ token: owner.token }))).toHaveLength(1);
  });

  it("refuses a passkey without a session, an answer for another origin, and a challenge used twice", async () => {
    const anonymous = await callJson(server.url, "/api/auth/passkey/generate-register-options", {});
    expect(anonymous.status).toBe(401);

    const reader = await newReader();
    const elsewhere = newSoftwarePasskey({ origin: "http://localhost:3001", rpId: "localhost" });
    const wrongOrigin = await addPasskey(reader.token, elsewhere);
    expect(wrongOrigin.status).toBe(400);
    expect(wrongOrigin.body).toMatchObject({ code: "FAILED_TO_VERIFY_REGISTRATION", message: expect.stringMatching(/could not be verified/) });
    expect(await listReaderPasskeys(serverRequest({ token: reader.token }))).toEqual([]);

    const device = newSoftwarePasskey({ origin: lectern });
    expect((await addPasskey(reader.token, device)).status).toBe(200);
    const options = await call(server.url, "/api/auth/passkey/generate-authenticate-options", { origin: lectern });
    const challenge = cookiesOf(options);
    const response = authenticationResponse(device, await options.json());
    const first = await callJson(server.url, "/api/auth/passkey/verify-authentication", { cookie: challenge, origin: lectern, body: { response } });
    expect(first.status).toBe(200);
    const replay = await callJson(server.url, "/api/auth/passkey/verify-authentication", { cookie: challenge, origin: lectern, body: { response } });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ code: "CHALLENGE_NOT_FOUND" });
  });

  it("refuses a passkey name longer than the account page shows, on Better Auth's own endpoints too", async () => {
    const reader = await newReader();
    const tooLong = await addPasskey(reader.token, newSoftwarePasskey({ origin: lectern }), "x".repeat(61));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: "INVALID_INPUT", message: "A passkey's name is at most 60 characters." });
    expect((await addPasskey(reader.token, newSoftwarePasskey({ origin: lectern }), "x".repeat(60))).status).toBe(200);
    const [stored] = await listReaderPasskeys(serverRequest({ token: reader.token }));
    const rename = await callJson(server.url, "/api/auth/passkey/update-passkey", {
      token: reader.token,
      origin: lectern,
      body: { id: stored!.id, name: "y".repeat(61) },
    });
    expect(rename.status).toBe(400);
  });

  it("answers malformed passkey answers with a 4xx, never a 5xx", async () => {
    const reader = await newReader();
    // A fresh challenge each time: the answer itself must be judged, not a spent challenge.
    for (const response of [{ id: { nested: 1 } }, { id: 5 }, { id: "x".repeat(5000) }, { id: "abc", response: null }, {}, []]) {
      const options = await call(server.url, "/api/auth/passkey/generate-authenticate-options", { origin: lectern });
      const signIn = await callJson(server.url, "/api/auth/passkey/verify-authentication", { cookie: cookiesOf(options), origin: lectern, body: { response } });
      expect(signIn.status, JSON.stringify(response)).toBeGreaterThanOrEqual(400);
      expect(signIn.status, JSON.stringify(response)).toBeLessThan(500);
    }
    for (const response of [null, {}, { id: "abc", response: { attestationObject: "!!" } }, "text"]) {
      const options = await call(server.url, "/api/auth/passkey/generate-register-options", { token: reader.token });
      const added = await callJson(server.url, "/api/auth/passkey/verify-registration", {
        token: reader.token,
        cookie: cookiesOf(options),
        origin: lectern,
        body: { response },
      });
      expect(added.status, JSON.stringify(response)).toBeGreaterThanOrEqual(400);
      expect(added.status, JSON.stringify(response)).toBeLessThan(500);
    }
  });

  it("a disabled reader's passkey starts no session", async () => {
    const reader = await newReader();
    const device = newSoftwarePasskey({ origin: lectern });
    expect((await addPasskey(reader.token, device)).status).toBe(200);
    await queryRows(sql`update "user" set banned = true where id = ${reader.userId}`);
    const refused = await signInWithPasskey(device);
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((line) => line.startsWith("lectern.session_token="))).toBe(false);
  });
});

describe("passkeys keep the email way back", () => {
  it("a reader with a passkey can still reset the password by mail and sign in with the new one", async () => {
    const reader = await newReader();
    const device = newSoftwarePasskey({ origin: lectern });
    expect((await addPasskey(reader.token, device)).status).toBe(200);

    // Lost the passkey: the reset link by mail is the way back, as for any reader.
    expect((await call(server.url, "/api/auth/request-password-reset", { body: { email: reader.email } })).status).toBe(200);
    const link = /http:\/\/localhost:3000\/reset-password\?token=([\w-]+)/.exec(mailText(await smtp.mailTo(reader.email)));
    const reset = await call(server.url, "/api/auth/reset-password", { body: { token: link![1], newPassword: "a brand new sentence" } });
    expect(reset.status).toBe(200);
    expect((await signInReader({ email: reader.email, password: "a brand new sentence" }, serverRequest())).userId).toBe(reader.userId);
    await expect(signInReader({ email: reader.email, password }, serverRequest())).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    // The passkey itself stays: found again, it still signs in.
    expect((await signInWithPasskey(device)).status).toBe(200);
  });
});

describe("passkeys in the export and on deletion", () => {
  it("the export lists each passkey without its key; deleting the account removes them", async () => {
    const reader = await newReader();
    expect((await addPasskey(reader.token, newSoftwarePasskey({ origin: lectern }), "Phone")).status).toBe(200);
    const exported = await accountExport(reader.userId);
    expect(exported!.passkeys).toEqual([
      { id: expect.any(String), name: "Phone", created_at: expect.any(String), device_type: "multiDevice", backed_up: true, authenticator: null },
    ]);
    const serialized = JSON.stringify(exported);
    const [row] = await queryRows<{ public_key: string; credential_id: string }>(
      sql`select public_key, credential_id from passkey where user_id = ${reader.userId}`,
    );
    expect(serialized).not.toContain(row!.public_key);
    expect(serialized).not.toContain(row!.credential_id);

    await deleteReaderAccount(serverRequest({ token: reader.token }), password);
    expect(await queryRows(sql`select id from passkey where user_id = ${reader.userId}`)).toEqual([]);
  });
});

describe("passkey rate limits (lib/rate-limit's table)", () => {
  it("bounds sign-in challenges per address", async () => {
    const ip = uniqueIp();
    const max = rateLimitRules.passkeyChallengesPerAddress.max;
    for (let i = 0; i < max; i++) {
      const answer = await call(server.url, "/api/auth/passkey/generate-authenticate-options", { ip, origin: lectern });
      expect(answer.status).toBe(200);
    }
    const refused = await callJson(server.url, "/api/auth/passkey/generate-authenticate-options", { ip, origin: lectern });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    // Another address (another school) is not held back.
    expect((await call(server.url, "/api/auth/passkey/generate-authenticate-options", { origin: lectern })).status).toBe(200);
  });

  it("counts failed passkey sign-ins per address, and a good one is not charged", async () => {
    const ip = uniqueIp();
    const reader = await newReader();
    const device = newSoftwarePasskey({ origin: lectern });
    expect((await addPasskey(reader.token, device)).status).toBe(200);
    // A success is refunded: the whole failure budget is still there afterwards.
    expect((await signInWithPasskey(device, ip)).status).toBe(200);
    const max = rateLimitRules.passkeySignInPerAddress.max;
    for (let i = 0; i < max; i++) {
      const failed = await callJson(server.url, "/api/auth/passkey/verify-authentication", { ip, origin: lectern, body: { response: { id: "nothing" } } });
      expect(failed.status).toBe(400);
    }
    const refused = await callJson(server.url, "/api/auth/passkey/verify-authentication", { ip, origin: lectern, body: { response: { id: "nothing" } } });
    expect(refused.status).toBe(429);
  });

  it("bounds passkeys added per reader", async () => {
    const reader = await newReader();
    const max = rateLimitRules.passkeyRegistrationsPerUser.max;
    for (let i = 0; i < max; i++) {
      const answer = await call(server.url, "/api/auth/passkey/generate-register-options", { token: reader.token });
      expect(answer.status).toBe(200);
    }
    const refused = await callJson(server.url, "/api/auth/passkey/generate-register-options", { token: reader.token });
    expect(refused.status).toBe(429);
  });
});
