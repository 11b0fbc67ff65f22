import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, callJson, sampleBackground, uniqueEmail } from "@/testing/accounts";
import type { TestServer } from "@/testing/http-server";
import { mailText, startServerWithMail, type SmtpCapture } from "@/testing/smtp";

/**
 * Issue 21, finding 5: an author's email that nobody has verified reads no insights, whatever
 * REQUIRE_EMAIL_VERIFICATION says; with it off (here) the author still has a way to verify:
 * Better Auth's verification mail, which stays closed to every other reader. Real SMTP server.
 */
const author = uniqueEmail("author");
const password = "an author's password";
let smtp: SmtpCapture;
let server: TestServer;
let closeMail: () => Promise<void>;
beforeAll(async () => {
  ({ smtp, server, close: closeMail } = await startServerWithMail({ AUTHOR_EMAILS: author }));
});
afterAll(() => closeMail?.());

const insights = (token: string) => callJson(server.url, "/api/v1/insights", { token });

describe("an author's email must be verified (verification off)", () => {
  it("refuses insights until the author opens the mailed link, then answers them", async () => {
    const up = await callJson(server.url, "/api/v1/auth/signup", { body: { email: author, password, background: sampleBackground } });
    expect(up.status).toBe(201);
    const before = await insights(up.body.session_token);
    expect([before.status, before.body.error.code]).toEqual([403, "FORBIDDEN"]);

    const asked = await call(server.url, "/api/auth/send-verification-email", { body: { email: author, callbackURL: "/insights" } });
    expect(asked.status).toBe(200);
    const link = /http:\/\/localhost:3000(\/api\/auth\/verify-email\?token=[^\s]+)/.exec(mailText(await smtp.mailTo(author)));
    expect(link).not.toBeNull();
    expect((await fetch(new URL(link![1]!, server.url), { redirect: "manual" })).status).toBe(302);

    const signedIn = await callJson(server.url, "/api/v1/auth/signin", { body: { email: author, password } });
    expect((await insights(signedIn.body.session_token)).status).toBe(200);
  });

  it("sends no verification mail to a reader who is not an author", async () => {
    const reader = uniqueEmail();
    expect((await callJson(server.url, "/api/v1/auth/signup", { body: { email: reader, password, background: sampleBackground } })).status).toBe(201);
    const asked = await call(server.url, "/api/auth/send-verification-email", { body: { email: reader } });
    expect(asked.status).toBe(404);
  });
});
