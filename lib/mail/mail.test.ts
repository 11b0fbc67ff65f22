import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { outboxDirectory, readOutbox, sendMail } from "./index";

const dataDir = mkdtempSync(path.join(tmpdir(), "lectern-outbox-"));
beforeAll(() => {
  process.env.DATA_DIR = dataDir;
  delete process.env.SMTP_URL;
  resetConfigForTests();
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  resetConfigForTests();
});

describe("mail without SMTP_URL", () => {
  it("keeps each mail in the dev outbox, readable only by Lectern, newest first", async () => {
    await sendMail({ to: "first@example.org", subject: "First", text: "one" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendMail({ to: "second@example.org", subject: "Second", text: "link: http://localhost:3000/reset-password?token=abc" });
    const files = readdirSync(outboxDirectory());
    expect(files).toHaveLength(2);
    expect(statSync(path.join(outboxDirectory(), files[0]!)).mode & 0o077).toBe(0);
    const mails = await readOutbox();
    expect(mails.map((mail) => mail.subject)).toEqual(["Second", "First"]);
    expect(mails[0]).toMatchObject({ to: "second@example.org", from: "Lectern <no-reply@localhost>" });
    expect(mails[0]!.text).toContain("token=abc");
  });
});
