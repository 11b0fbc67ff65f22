"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form-parts";
import { signOutAction } from "../_actions/sign-out";

export function SignOutForm({ returnTo }: { returnTo?: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const signOut = () =>
    startTransition(async () => {
      const result = await signOutAction({ returnTo });
      setError(result?.serverError?.message);
    });
  return (
    <>
      <div className="row">
        <button type="button" onClick={signOut} disabled={pending}>
          Sign out
        </button>
        {returnTo ? (
          <a className="button secondary" href={returnTo}>
            Stay signed in
          </a>
        ) : null}
      </div>
      <FormMessage kind="bad">{error}</FormMessage>
    </>
  );
}
