import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { readerFromRequest, safeReturnTo } from "@/lib/auth";
import { config } from "@/lib/config";
import { currentRequest } from "@/lib/http";
import { WelcomeForm } from "./_components/welcome-form";

export const metadata: Metadata = { title: "Your background" };

/** `return_to` is what sign-in methods send (the REST contract's spelling); `returnTo` is every other Lectern page's, also taken. */
type WelcomeSearchParams = { return_to?: string; returnTo?: string };

/**
 * The background step: every reader without a background (an account begun by SSO, social sign-in
 * or a passkey) answers the three sign-up questions here once, then goes back to `return_to`.
 * Safe to send every sign-in through: a complete profile passes straight on.
 */
export default async function WelcomePage({ searchParams }: { searchParams: Promise<WelcomeSearchParams> }) {
  const search = await searchParams;
  const returnTo = safeReturnTo(search.return_to ?? search.returnTo) ?? undefined;
  const reader = await readerFromRequest(await currentRequest());
  if (!reader) {
    const here = returnTo ? `/welcome?return_to=${encodeURIComponent(returnTo)}` : "/welcome";
    redirect(`/sign-in?returnTo=${encodeURIComponent(here)}`);
  }
  if (reader.profileCompleted) redirect(returnTo ?? "/account");
  const { BOOK_NAME: bookName } = config();
  return (
    <section className="card">
      <h1>Welcome to {bookName}</h1>
      <p className="lead" id="welcome-intro">
        One last step before the book: three quick questions about your background, so each page starts at the right level for you. You can change them later on
        your account page.
      </p>
      <p className="hint">Signed in as {reader.email}</p>
      <WelcomeForm returnTo={returnTo} />
    </section>
  );
}
