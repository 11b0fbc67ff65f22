import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, cookiesOf, sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import type { TestServer } from "@/testing/http-server";
import { mailText, startServerWithMail, type SmtpCapture } from "@/testing/smtp";
import { readerFromRequest, signInReader, signUpReader } from "./index";

/** REQUIRE_EMAIL_VERIFICATION=true, mail through a real SMTP server. */
let smtp: SmtpCapture;
let server: TestServer;
let closeMail: () => Promise<void>;
beforeAll(async () => {
  ({ smtp, server, close: closeMail } = await startServerWithMail({ REQUIRE_EMAIL_VERIFICATION: "true" }));
});
afterAll(() => closeMail?.());

describe("email verification (REQUIRE_EMAIL_VERIFICATION)", () => {
  it("signs the reader in only after the mailed link is opened", async () => {
    const email = uniqueEmail();
    const password = "verify me please";
    const signedUp = await signUpReader({ email, password, background: sampleBackground }, serverRequest());
    expect(signedUp.sessionToken).toBeNull();
    expect(signedUp.profileCompleted).toBe(true);

    await expect(signInReader({ email, password }, serverRequest())).rejects.toMatchObject({ code: "UNAUTHORIZED", details: { reason: "not verified" } });

    const link = /http:\/\/localhost:3000(\/api\/auth\/verify-email\?token=[^\s]+)/.exec(mailText(await smtp.mailTo(email)));
    expect(link).not.toBeNull();
    const opened = await fetch(new URL(link![1]!, server.url), { redirect: "manual" });
    expect(opened.status).toBe(302);
    // Written back absolute on Lectern's origin by lib/auth's edge (no browser reads it differently).
    expect(opened.headers.get("location")).toBe("http://localhost:3000/account?welcome=1");
    const reader = await readerFromRequest(serverRequest({ cookie: cookiesOf(opened) }));
    expect(reader).toMatchObject({ email, background: sampleBackground });

    expect((await signInReader({ email, password }, serverRequest())).sessionToken).toBeTruthy();
  });

  it("does not accept a tampered verification token", async () => {
    const email = uniqueEmail();
    await signUpReader({ email, password: "verify me please", background: sampleBackground }, serverRequest());
    const link = /http:\/\/localhost:3000(\/api\/auth\/verify-email\?token=[^\s&]+)/.exec(mailText(await smtp.mailTo(email)))!;
    const tampered = `${link[1]!.slice(0, -3)}abc`;
    const opened = await call(server.url, tampered);
    expect(opened.ok).toBe(false);
    await expect(signInReader({ email, password: "verify me please" }, serverRequest())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
