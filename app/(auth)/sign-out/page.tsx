import type { Metadata } from "next";
import Link from "next/link";
import { safeReturnTo, sessionFromRequest } from "@/lib/auth";
import { config } from "@/lib/config";
import { currentRequest } from "@/lib/http";
import { SignOutForm } from "./_components/sign-out-form";

export const metadata: Metadata = { title: "Sign out" };

/**
 * A page the book can link to (`/sign-out?returnTo=…`). Signing out changes state, so it takes a
 * button press (a POST through the action), never a plain GET that any link or image could trigger.
 */
export default async function SignOutPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const returnTo = safeReturnTo((await searchParams).returnTo) ?? undefined;
  const signedIn = await sessionFromRequest(await currentRequest());
  if (!signedIn) {
    return (
      <section className="card">
        <h1>You are signed out</h1>
        <div className="row">
          <a className="button" href={returnTo ?? config().BOOK_URL}>
            ← Back to {config().BOOK_NAME}
          </a>
          <Link className="button secondary" href="/sign-in">
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section className="card">
      <h1>Sign out?</h1>
      <p className="lead">You are signed in as {signedIn.user.email}. Signing out ends the session on this device.</p>
      <SignOutForm returnTo={returnTo} />
    </section>
  );
}
