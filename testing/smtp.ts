import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { resetConfigForTests } from "@/lib/config";
import { startTestServer, type TestServer } from "./http-server";

/** A real SMTP server on a random local port that keeps what Lectern sends, for the mail suites. */
export type CapturedMail = { to: string; raw: string };
export type SmtpCapture = {
  url: string;
  /** The first mail to `address`; rejects when none arrives in time. */
  mailTo: (address: string, timeoutMs?: number) => Promise<CapturedMail>;
  close: () => Promise<void>;
};

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const inbox: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    async mailTo(address, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = inbox.find((mail) => mail.to === address);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A mail's text with quoted-printable soft line breaks and `=3D` undone, for finding links. */
export function mailText(mail: CapturedMail): string {
  return mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
}

/**
 * The mail suites' set-up: an SMTP capture, Lectern's configuration pointed at it (plus `env`),
 * and a test server; `close` stops both and leaves process.env as it was.
 */
export async function startServerWithMail(env: Record<string, string> = {}): Promise<{ smtp: SmtpCapture; server: TestServer; close: () => Promise<void> }> {
  const smtp = await startSmtpCapture();
  const settings = { SMTP_URL: smtp.url, ...env };
  const before = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  resetConfigForTests();
  const server = await startTestServer({ trustedProxyHops: 1 });
  return {
    smtp,
    server,
    async close() {
      await server.close();
      await smtp.close();
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetConfigForTests();
    },
  };
}
