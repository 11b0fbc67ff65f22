import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string; error?: string }> }) {
  const { token } = await searchParams;
  return (
    <section className="card">
      <h1>Choose a new password</h1>
      {token ? (
        <>
          <p className="lead">After this, you are signed out everywhere and sign in with the new password.</p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <p className="notice bad" role="alert">
          This page needs the link from your reset mail. <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      )}
    </section>
  );
}
