import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { logger } from "@/lib/http";
import { countMailDelivery } from "@/lib/ops";
import { processSingleton } from "@/lib/singleton";

export type Mail = { to: string; subject: string; text: string };
export type OutboxMessage = Mail & { id: string; from: string; sentAt: string };

/** One pooled transport per SMTP_URL (tests point it at their own SMTP server). */
function transport(url: string): Transporter {
  return processSingleton(`mail-transport ${url}`, () => nodemailer.createTransport(url));
}

export function outboxDirectory(): string {
  return path.join(config().dataDir, "outbox");
}

/**
 * Sends a mail over SMTP_URL. Without SMTP (development), the mail is written to the dev
 * outbox in DATA_DIR and the log says where; the link inside is never logged.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = config();
  if (SMTP_URL) {
    try {
      await transport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    } catch (error) {
      countMailDelivery("failed");
      throw error;
    }
    countMailDelivery("sent");
    logger().info({ subject: mail.subject }, "mail sent");
    return;
  }
  const message: OutboxMessage = { id: `${Date.now()}-${randomUUID()}`, from: MAIL_FROM, sentAt: new Date().toISOString(), ...mail };
  await mkdir(outboxDirectory(), { recursive: true, mode: 0o700 });
  const file = path.join(outboxDirectory(), `${message.id}.json`);
  await writeFile(file, JSON.stringify(message, null, 2), { mode: 0o600 });
  countMailDelivery("outbox");
  // In production this means readers get no mail at all: say so loudly.
  const level = process.env.NODE_ENV === "production" ? "warn" : "info";
  logger()[level]({ subject: mail.subject, file }, "no SMTP_URL: mail written to the dev outbox (npm run dev shows it at /dev/outbox)");
}

/** The dev outbox, newest first (the development-only /dev/outbox page reads this). */
export async function readOutbox(limit = 20): Promise<OutboxMessage[]> {
  const names = await readdir(outboxDirectory()).catch(() => [] as string[]);
  const newest = names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(newest.map(async (name) => JSON.parse(await readFile(path.join(outboxDirectory(), name), "utf8")) as OutboxMessage));
}
