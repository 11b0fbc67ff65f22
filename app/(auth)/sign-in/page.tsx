import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeReturnTo, sessionFromRequest } from "@/lib/auth";
import { currentRequest } from "@/lib/http";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Search = { returnTo?: string; reset?: string; signedOut?: string; verify?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const returnTo = safeReturnTo(search.returnTo) ?? undefined;
  if (await sessionFromRequest(await currentRequest())) redirect(returnTo ?? "/account");
  return (
    <section className="card">
      <h1>Sign in</h1>
      {search.reset ? (
        <p className="notice ok" role="status">
          Your password is changed. Sign in with the new one.
        </p>
      ) : null}
      {search.verify ? (
        <p className="notice ok" role="status">
          Almost done: we mailed you a link. Open it to confirm your email and you are signed in.
        </p>
      ) : null}
      {search.signedOut ? (
        <p className="notice ok" role="status">
          You are signed out.
        </p>
      ) : null}
      <SignInForm returnTo={returnTo} />
    </section>
  );
}
