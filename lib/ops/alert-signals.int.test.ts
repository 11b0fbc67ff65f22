import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { signInReader, signUpReader } from "@/lib/auth";
import { resetConfigForTests } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { sendMail } from "@/lib/mail";
import { metrics, readiness, registerReadinessCheck } from "@/lib/ops";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { startSmtpCapture } from "@/testing/smtp";

/**
 * The series the alerts in ops/prometheus/alerts.yml read besides HTTP: each is produced by the
 * real code path (Better Auth's sign-in, nodemailer against a real SMTP server, readiness).
 */
async function sample(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics().registry.getSingleMetric(name)?.get();
  const value = metric?.values.find((entry) => Object.entries(labels).every(([key, wanted]) => String(entry.labels[key]) === wanted));
  return value?.value ?? 0;
}

afterAll(() => {
  delete process.env.SMTP_URL;
  resetConfigForTests();
});

describe("signals for the alerts", () => {
  it("counts a failed sign-in by its reason, and not a successful one", async () => {
    const email = uniqueEmail("alerts");
    await signUpReader({ email, password: "the right password", background: sampleBackground }, serverRequest());
    const before = await sample("lectern_sign_in_failures_total", { reason: "INVALID_EMAIL_OR_PASSWORD" });
    await expect(signInReader({ email, password: "a wrong password" }, serverRequest())).rejects.toBeInstanceOf(ApiError);
    expect(await sample("lectern_sign_in_failures_total", { reason: "INVALID_EMAIL_OR_PASSWORD" })).toBe(before + 1);
    await signInReader({ email, password: "the right password" }, serverRequest());
    expect(await sample("lectern_sign_in_failures_total", { reason: "INVALID_EMAIL_OR_PASSWORD" })).toBe(before + 1);
  });

  it("counts mail SMTP accepted as sent and mail it refused as failed", async () => {
    const smtp = await startSmtpCapture();
    try {
      process.env.SMTP_URL = smtp.url;
      resetConfigForTests();
      const sent = await sample("lectern_mail_deliveries_total", { outcome: "sent" });
      await sendMail({ to: "alerts@example.org", subject: "Hello", text: "hi" });
      expect(await sample("lectern_mail_deliveries_total", { outcome: "sent" })).toBe(sent + 1);
    } finally {
      await smtp.close();
    }
    // A port with nothing listening: the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetConfigForTests();
    const failed = await sample("lectern_mail_deliveries_total", { outcome: "failed" });
    await expect(sendMail({ to: "alerts@example.org", subject: "Hello", text: "hi" })).rejects.toThrow();
    expect(await sample("lectern_mail_deliveries_total", { outcome: "failed" })).toBe(failed + 1);
  });

  it("keeps each dependency's latest readiness as 1 or 0", async () => {
    let up = true;
    registerReadinessCheck("alerts-probe", async () => ({ ok: up }));
    await readiness();
    expect(await sample("lectern_dependency_ready", { dependency: "database" })).toBe(1);
    expect(await sample("lectern_dependency_ready", { dependency: "alerts-probe" })).toBe(1);
    up = false;
    await readiness();
    expect(await sample("lectern_dependency_ready", { dependency: "alerts-probe" })).toBe(0);
  });
});
