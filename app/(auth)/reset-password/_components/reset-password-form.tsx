"use client";
import Link from "next/link";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { newPasswordHint } from "@/lib/contract";
import { resetPasswordAction } from "../_actions/reset-password";
import { resetPasswordSchema } from "../schema";

export function ResetPasswordForm({ token }: { token: string }) {
  const { errors, formError, pending, submit, formRef } = useFormAction(resetPasswordSchema, resetPasswordAction);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({ token, newPassword: String(form.get("newPassword") ?? ""), confirmPassword: String(form.get("confirmPassword") ?? "") }, ({ redirectTo }) =>
      window.location.assign(redirectTo),
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={newPasswordHint}
        required
        error={errors.newPassword}
      />
      <TextField name="confirmPassword" label="The new password again" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <FormMessage kind="bad">{formError ?? errors.token}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>Set new password</SubmitButton>
        <Link href="/forgot-password">Link expired? Ask for a new one</Link>
      </div>
    </form>
  );
}
