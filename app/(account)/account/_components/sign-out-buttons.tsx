"use client";
import { useState, useTransition } from "react";
import { FormMessage } from "@/app/_components/form-parts";
import { signOutAction } from "@/app/(auth)/sign-out/_actions/sign-out";
import { signOutEverywhereAction } from "../_actions/account";

export function SignOutButtons() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const run = (action: () => Promise<{ serverError?: { message: string } } | undefined>) =>
    startTransition(async () => {
      const result = await action();
      setError(result?.serverError?.message);
    });
  return (
    <>
      <div className="row">
        <button type="button" onClick={() => run(() => signOutAction({}))} disabled={pending}>
          Sign out
        </button>
        <button type="button" className="secondary" onClick={() => run(() => signOutEverywhereAction({}))} disabled={pending}>
          Sign out everywhere
        </button>
      </div>
      <FormMessage kind="bad">{error}</FormMessage>
    </>
  );
}
