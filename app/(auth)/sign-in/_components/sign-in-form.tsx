"use client";
import Link from "next/link";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { signInAction } from "../_actions/sign-in";
import { signInFormSchema } from "../schema";

export function SignInForm({ returnTo }: { returnTo?: string }) {
  const { errors, formError, pending, submit, formRef } = useFormAction(signInFormSchema, signInAction);
  const withReturn = (path: string) => (returnTo ? `${path}?returnTo=${encodeURIComponent(returnTo)}` : path);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), returnTo }, ({ redirectTo }) =>
      window.location.assign(redirectTo),
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <FormMessage kind="bad">{formError}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>Sign in</SubmitButton>
        <Link href="/forgot-password">Forgot your password?</Link>
      </div>
      <p>
        New here? <Link href={withReturn("/sign-up")}>Create an account</Link>
      </p>
    </form>
  );
}
