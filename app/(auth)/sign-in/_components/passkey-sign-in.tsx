"use client";
import { useState } from "react";
import { FormMessage } from "@/app/_components/form-parts";
import { signInWithPasskey } from "@/app/_components/passkey-ceremonies";

/**
 * "Sign in with a passkey": no email, no password; the device offers the passkeys it holds for
 * Lectern. Afterwards the background step (/welcome) asks the three questions if the account has
 * no background yet, else passes straight on to `returnTo` (judged by safeReturnTo on the page).
 */
export function PasskeySignIn({ returnTo }: { returnTo?: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function signIn() {
    setPending(true);
    setError(undefined);
    const result = await signInWithPasskey();
    if (result.ok) {
      window.location.assign(new URL(`/welcome?return_to=${encodeURIComponent(returnTo ?? "/account")}`, window.location.href));
      return;
    }
    setError(result.message);
    setPending(false);
  }

  return (
    <div className="passkey-sign-in">
      <p className="hint">Added a passkey on your account page? Use it instead of your password.</p>
      <button type="button" className="secondary" onClick={signIn} disabled={pending} aria-busy={pending}>
        {pending ? "Waiting for your passkey…" : "Sign in with a passkey"}
      </button>
      <FormMessage kind="bad">{error}</FormMessage>
    </div>
  );
}
