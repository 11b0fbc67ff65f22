import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeReturnTo, sessionFromRequest } from "@/lib/auth";
import { signUpServedStamp } from "@/lib/insights";
import { currentRequest } from "@/lib/http";
import { SignUpForm } from "./_components/sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ returnTo?: string }> }) {
  const returnTo = safeReturnTo((await searchParams).returnTo) ?? undefined;
  if (await sessionFromRequest(await currentRequest())) redirect(returnTo ?? "/account");
  return (
    <section className="card">
      <h1>Create your account</h1>
      <p className="lead" id="sign-up-intro">
        One page, under a minute: your email, a password, and three questions about your background.
      </p>
      <SignUpForm returnTo={returnTo} servedStamp={signUpServedStamp()} />
    </section>
  );
}
