import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { ApiError } from "@/lib/http";
import { call, sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import type { TestServer } from "@/testing/http-server";
import { mailText, startServerWithMail, type CapturedMail, type SmtpCapture } from "@/testing/smtp";
import { changeReaderPassword, readerFromRequest, resetPasswordWithToken, signInReader, signUpReader } from "./index";
import { queryRows } from "@/testing/query-rows";

let smtp: SmtpCapture;
let server: TestServer;
let closeMail: () => Promise<void>;
beforeAll(async () => {
  ({ smtp, server, close: closeMail } = await startServerWithMail());
});
afterAll(() => closeMail?.());

/** The reset token from a captured mail (quoted-printable soft breaks undone). */
function resetTokenIn(mail: CapturedMail): string {
  const text = mailText(mail);
  const link = /http:\/\/localhost:3000\/reset-password\?token=([\w-]+)/.exec(text);
  if (!link) throw new Error("no reset link in the mail");
  return link[1]!;
}

async function readerWithTwoSessions() {
  const email = uniqueEmail();
  const password = "original password";
  const first = await signUpReader({ email, password, background: sampleBackground }, serverRequest());
  const second = await signInReader({ email, password }, serverRequest());
  return { email, password, userId: first.userId, tokens: [first.sessionToken!, second.sessionToken] };
}

async function auditEvents(userId: string): Promise<string[]> {
  const rows = await queryRows<{ event: string }>(sql`select event from audit_event where user_id = ${userId} order by id`);
  return rows.map((row) => row.event);
}

describe("password reset by email (real SMTP)", () => {
  it("mails a single-use link; the reset ends every session and the old password", async () => {
    const reader = await readerWithTwoSessions();
    const asked = await call(server.url, "/api/auth/request-password-reset", { body: { email: reader.email.toUpperCase() } });
    expect(asked.status).toBe(200);
    const mail = await smtp.mailTo(reader.email);
    expect(mail.raw).toContain("Subject: Reset your Lectern password");
    const token = resetTokenIn(mail);

    const reset = await call(server.url, "/api/auth/reset-password", { body: { token, newPassword: "brand new password" } });
    expect(reset.status).toBe(200);
    for (const sessionToken of reader.tokens) expect(await readerFromRequest(serverRequest({ token: sessionToken }))).toBeNull();
    await expect(signInReader({ email: reader.email, password: reader.password }, serverRequest())).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect((await signInReader({ email: reader.email, password: "brand new password" }, serverRequest())).userId).toBe(reader.userId);

    const reused = await call(server.url, "/api/auth/reset-password", { body: { token, newPassword: "third password!" } });
    expect(reused.status).toBe(400);
    expect(await auditEvents(reader.userId)).toEqual(expect.arrayContaining(["password_reset_requested", "password_reset"]));
  });

  it("audits a reset made on the page with the reader's IP and user agent", async () => {
    const reader = await readerWithTwoSessions();
    await call(server.url, "/api/auth/request-password-reset", { body: { email: reader.email } });
    const token = resetTokenIn(await smtp.mailTo(reader.email));
    await resetPasswordWithToken(token, "brand new password", serverRequest({ ip: "10.77.1.2" }));
    const rows = await queryRows<{ ip_address: string; user_agent: string }>(
      sql`select ip_address, user_agent from audit_event where user_id = ${reader.userId} and event = 'password_reset'`,
    );
    expect(rows).toEqual([{ ip_address: "10.77.1.2", user_agent: "accounts-suite" }]);
  });

  it("refuses a made-up token on the page's path, changing nothing", async () => {
    const reader = await readerWithTwoSessions();
    await expect(resetPasswordWithToken("not-a-real-token", "brand new password", serverRequest())).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "token" },
    });
    expect((await signInReader({ email: reader.email, password: reader.password }, serverRequest())).userId).toBe(reader.userId);
  });

  it("rejects an expired reset token", async () => {
    const reader = await readerWithTwoSessions();
    await call(server.url, "/api/auth/request-password-reset", { body: { email: reader.email } });
    const token = resetTokenIn(await smtp.mailTo(reader.email));
    await (await database()).execute(sql`update verification set expires_at = now() - interval '1 second' where identifier = ${`reset-password:${token}`}`);
    const reset = await call(server.url, "/api/auth/reset-password", { body: { token, newPassword: "brand new password" } });
    expect(reset.status).toBe(400);
    expect((await signInReader({ email: reader.email, password: reader.password }, serverRequest())).userId).toBe(reader.userId);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const known = await readerWithTwoSessions();
    const unknownEmail = uniqueEmail("nobody");
    const [forKnown, forUnknown] = await Promise.all([
      call(server.url, "/api/auth/request-password-reset", { body: { email: known.email } }),
      call(server.url, "/api/auth/request-password-reset", { body: { email: unknownEmail } }),
    ]);
    expect([forUnknown.status, await forUnknown.json()]).toEqual([forKnown.status, await forKnown.json()]);
    await smtp.mailTo(known.email);
    await expect(smtp.mailTo(unknownEmail, 500)).rejects.toThrow("no mail");
  });
});

describe("password change", () => {
  it("needs the current password, ends the other sessions and is audited", async () => {
    const reader = await readerWithTwoSessions();
    const [current, other] = reader.tokens as [string, string];
    const wrong = await changeReaderPassword(serverRequest({ token: current }), { currentPassword: "not it at all", newPassword: "changed password" }).catch(
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(ApiError);
    expect((wrong as ApiError).details?.field).toBe("currentPassword");

    await changeReaderPassword(serverRequest({ token: current }), { currentPassword: reader.password, newPassword: "changed password" });
    expect(await readerFromRequest(serverRequest({ token: other }))).toBeNull();
    expect((await signInReader({ email: reader.email, password: "changed password" }, serverRequest())).userId).toBe(reader.userId);
    expect(await auditEvents(reader.userId)).toContain("password_change");
  });
});
