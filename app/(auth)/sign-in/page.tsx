import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { configuredSocialProviders, safeReturnTo, sessionFromRequest } from "@/lib/auth";
import { currentRequest } from "@/lib/http";
import { PasskeySignIn } from "./_components/passkey-sign-in";
import { SocialSignIn } from "./_components/provider-sign-in";
import { SignInForm } from "./_components/sign-in-form";
import { providerErrorMessage } from "./provider-errors";

export const metadata: Metadata = { title: "Sign in" };

type Search = { returnTo?: string; reset?: string; signedOut?: string; verify?: string; error?: string };

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
      {search.error ? (
        <p className="notice bad" role="alert">
          {providerErrorMessage(search.error)}
        </p>
      ) : null}
      {search.signedOut ? (
        <p className="notice ok" role="status">
          You are signed out.
        </p>
      ) : null}
      <SignInForm returnTo={returnTo} />
      <SocialSignIn providers={configuredSocialProviders()} returnTo={returnTo} />
      <PasskeySignIn returnTo={returnTo} />
    </section>
  );
}
