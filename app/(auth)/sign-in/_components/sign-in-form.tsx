"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { signInAction, signInMethodAction } from "../_actions/sign-in";
import { signInFormSchema, signInMethodSchema } from "../schema";

/**
 * Email first: once the address is typed, the form asks whether its domain signs in through a school
 * (`signInMethodAction`); if so the password field goes away and the button leads to the school's
 * sign-in page. The action decides again on submit, so a fast typist is sent the right way too.
 */
export function SignInForm({ returnTo }: { returnTo?: string }) {
  const { errors, formError, pending, submit, formRef } = useFormAction(signInFormSchema, signInAction);
  const [schoolDomain, setSchool] = useState(false);
  const [usePassword, setUsePassword] = useState(false);
  const school = schoolDomain && !usePassword;
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const withReturn = (path: string) => (returnTo ? `${path}?returnTo=${encodeURIComponent(returnTo)}` : path);

  function emailTyped(value: string) {
    clearTimeout(timer.current);
    const question = (asked.current += 1);
    const typed = value.trim();
    if (!signInMethodSchema.safeParse({ email: typed }).success) {
      setSchool(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const answer = await signInMethodAction({ email: typed }).catch(() => undefined);
      // Only the latest question's answer counts (the reader may have kept typing).
      if (question === asked.current) setSchool(answer?.data?.school === true);
    }, 250);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = form.get("password");
    submit({ email: String(form.get("email") ?? ""), password: password === null ? undefined : String(password), usePassword, returnTo }, ({ redirectTo }) =>
      window.location.assign(redirectTo),
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errors.email}
        onChange={(event) => emailTyped(event.currentTarget.value)}
      />
      {school ? (
        <p className="hint" role="status">
          Your school signs you in: continue to its sign-in page, no Lectern password needed.
        </p>
      ) : (
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      )}
      <FormMessage kind="bad">{formError}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>{school ? "Continue with your school" : "Sign in"}</SubmitButton>
        {school ? (
          <button type="button" className="secondary" onClick={() => setUsePassword(true)}>
            Use a Lectern password instead
          </button>
        ) : (
          <Link href="/forgot-password">Forgot your password?</Link>
        )}
      </div>
      <p>
        New here? <Link href={withReturn("/sign-up")}>Create an account</Link>
      </p>
    </form>
  );
}
