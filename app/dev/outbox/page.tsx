import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { config } from "@/lib/config";
import { outboxDirectory, readOutbox } from "@/lib/mail";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

/** Mails Lectern would have sent, when no SMTP_URL is set. `npm run dev` only; 404 otherwise. */
export default async function DevOutboxPage() {
  // Only under `npm run dev`: the outbox holds live reset links. Next inlines NODE_ENV into the
  // build, so a production build (`npm start`) never serves this page, whatever the environment says.
  if (process.env.NODE_ENV !== "development" || config().SMTP_URL) notFound();
  const mails = await readOutbox();
  return (
    <section className="card">
      <h1>Dev outbox</h1>
      <p className="lead">
        No SMTP_URL is set, so mails are kept in <code>{outboxDirectory()}</code>. Newest first.
      </p>
      {mails.length === 0 ? <p>No mail yet.</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card">
          <h2>{mail.subject}</h2>
          <p className="hint">
            To {mail.to} · {mail.sentAt}
          </p>
          <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{mail.text}</pre>
        </article>
      ))}
    </section>
  );
}
