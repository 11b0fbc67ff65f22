"use client";
import Link from "next/link";
import { useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { requestResetAction } from "../_actions/request-reset";
import { forgotPasswordSchema } from "../schema";

export function ForgotPasswordForm() {
  const { errors, formError, pending, submit, formRef } = useFormAction(forgotPasswordSchema, requestResetAction);
  const [sentTo, setSentTo] = useState<string>();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    submit({ email }, () => setSentTo(email));
  }

  if (sentTo) {
    return (
      <>
        <FormMessage kind="ok">If {sentTo} has a Lectern account, a reset link is on its way. It works once, for one hour.</FormMessage>
        <Link href="/sign-in">Back to sign in</Link>
      </>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <FormMessage kind="bad">{formError}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>Send reset link</SubmitButton>
        <Link href="/sign-in">Back to sign in</Link>
      </div>
    </form>
  );
}
