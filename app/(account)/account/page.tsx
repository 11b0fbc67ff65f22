import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listReaderPasskeys, listReaderSessions, readerFromRequest, safeReturnTo } from "@/lib/auth";
import { readingProgressOf } from "@/lib/book-api";
import { config } from "@/lib/config";
import { currentRequest } from "@/lib/http";
import { isAuthor } from "@/lib/insights";
import { BackgroundForm } from "./_components/background-form";
import { ChangePasswordForm } from "./_components/change-password-form";
import { DeleteAccountForm } from "./_components/delete-account-form";
import { PasskeysSection } from "./_components/passkeys-section";
import { describeDevice } from "./_components/describe-device";
import { SessionsList } from "./_components/sessions-list";
import { SignOutButtons } from "./_components/sign-out-buttons";

export const metadata: Metadata = { title: "Your account" };

/** Better Auth stores IPv6 addresses expanded (and masked to /64); show them the usual short way. */
function displayIp(ip: string | null): string | null {
  if (!ip) return null;
  const short = ip.includes(":") ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
  return short === "::" ? null : short;
}

type AccountSearchParams = { welcome?: string; returnTo?: string };

export default async function AccountPage({ searchParams }: { searchParams: Promise<AccountSearchParams> }) {
  const request = await currentRequest();
  const { welcome, returnTo } = await searchParams;
  // Only the book's origins (or Lectern itself) may be linked back to.
  const backTo = safeReturnTo(returnTo);
  const here = backTo ? `/account?returnTo=${encodeURIComponent(backTo)}` : "/account";
  const reader = await readerFromRequest(request);
  if (!reader) redirect(`/sign-in?returnTo=${encodeURIComponent(here)}`);
  // Where to pick the book up: on the book the reader came from, else the first of BOOK_ORIGINS.
  const { continue: next } = await readingProgressOf(reader).catch(() => ({ continue: null }));
  const { BOOK_ORIGINS: bookOrigins, BETTER_AUTH_URL: lecternUrl, BOOK_NAME: bookName, BOOK_URL: bookUrl } = config();
  const cameFrom = backTo ? new URL(backTo, lecternUrl).origin : null;
  const bookOrigin = cameFrom && bookOrigins.includes(cameFrom) ? cameFrom : bookOrigins[0];
  const sessions = (await listReaderSessions(request)).map((session) => ({
    id: session.id,
    current: session.current,
    device: describeDevice(session.userAgent),
    ipAddress: displayIp(session.ipAddress),
    lastActive: session.updatedAt.toISOString(),
  }));
  const passkeys = (await listReaderPasskeys(request)).map((passkey) => ({ ...passkey, createdAt: passkey.createdAt.toISOString() }));

  return (
    <>
      <section className="card">
        <h1>Your account</h1>
        <p className="lead">Signed in as {reader.email}</p>
        {welcome && reader.profileCompleted ? (
          <p className="notice ok" role="status">
            Welcome! Your account is ready. From now on the book adapts to your background: each page shows the parts for your level first and suggests what to
            read next (&ldquo;For you&rdquo;).
          </p>
        ) : null}
        <div className="row">
          {next && bookOrigin ? (
            <span data-testid="continue-reading">
              <a className="button" href={new URL(next.url, bookOrigin).toString()}>
                Continue reading: {next.title}
              </a>
            </span>
          ) : null}
          <a className={next && bookOrigin ? "button secondary" : "button"} href={backTo ?? bookUrl} data-testid="back-to-book">
            ← Back to {bookName}
          </a>
          {isAuthor(reader) ? (
            <Link className="button secondary" href="/insights" data-testid="insights-link">
              Insights for authors
            </Link>
          ) : null}
        </div>
      </section>

      <section className="card" aria-labelledby="background-heading">
        <h2 id="background-heading">{reader.profileCompleted ? "Your background" : "First, tell us your background"}</h2>
        {reader.profileCompleted ? (
          <p className="hint">Change an answer whenever it no longer fits; the book follows at once.</p>
        ) : (
          <p className="notice bad" role="status">
            Your profile is not complete. Answer these three questions so the book can start at the right level.
          </p>
        )}
        <BackgroundForm background={reader.background} />
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <SessionsList sessions={sessions} />
        <SignOutButtons />
      </section>

      <section className="card" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">Passkeys</h2>
        <p className="hint">
          A passkey signs you in with your fingerprint, face or screen lock, or with a security key: no password to type or leak. Your password stays, so if you
          lose a passkey you can still sign in, or reset the password by email.
        </p>
        <PasskeysSection passkeys={passkeys} />
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <ChangePasswordForm />
      </section>

      <section className="card" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p className="hint">
          Everything Lectern keeps about you (account, background, sessions, sign-in history, searches, reading progress and feedback) in one JSON file you can
          keep or take elsewhere.
        </p>
        {/* A plain link: the browser sends the session cookie and saves the attachment. */}
        <a className="button secondary" href="/api/v1/auth/export" download data-testid="download-my-data">
          Download my data
        </a>
      </section>

      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete account</h2>
        <p className="hint">This removes your account, your background and every session at once. It cannot be undone.</p>
        <DeleteAccountForm />
      </section>
    </>
  );
}
