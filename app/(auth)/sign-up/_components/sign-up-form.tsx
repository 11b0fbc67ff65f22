"use client";
import Link from "next/link";
import { BackgroundFields, backgroundFromForm } from "@/app/_components/background-fields";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { newPasswordHint } from "@/lib/contract";
import { signUpAction } from "../_actions/sign-up";
import { signUpFormSchema, type SignUpForm } from "../schema";

export function SignUpForm({ returnTo, servedStamp }: { returnTo?: string; servedStamp?: string }) {
  const { errors, formError, pending, submit, formRef } = useFormAction(signUpFormSchema, signUpAction);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      background: backgroundFromForm(form),
      returnTo,
      servedStamp,
    } as SignUpForm;
    submit(input, ({ redirectTo }) => window.location.assign(redirectTo));
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="sign-up-intro">
      <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`${newPasswordHint} A short sentence is easy to remember.`}
        error={errors.password}
      />
      <h2>Your background</h2>
      <p className="hint">Three quick questions so the book starts at the right level. You can change them later.</p>
      <BackgroundFields errors={errors} />
      <FormMessage kind="bad">{formError}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>Create account</SubmitButton>
        <span>
          Have an account? <Link href={returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : "/sign-in"}>Sign in</Link>
        </span>
      </div>
    </form>
  );
}
