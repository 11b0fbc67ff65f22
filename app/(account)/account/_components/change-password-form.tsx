"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { newPasswordHint } from "@/lib/contract";
import { changePasswordAction } from "../_actions/account";
import { changePasswordSchema } from "../schema";

export function ChangePasswordForm() {
  const { errors, formError, pending, submit, formRef } = useFormAction(changePasswordSchema, changePasswordAction);
  const [changed, setChanged] = useState(false);
  const router = useRouter();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setChanged(false);
    submit(
      {
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      },
      () => {
        element.reset();
        setChanged(true);
        // The other sessions are gone: show the list as it now is (a new request, with the new session cookie).
        router.refresh();
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={errors.currentPassword} />
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
      <FormMessage kind="bad">{formError}</FormMessage>
      <FormMessage kind="ok">{changed ? "Password changed. Your other devices are signed out." : undefined}</FormMessage>
      <SubmitButton pending={pending} className="secondary">
        Change password
      </SubmitButton>
    </form>
  );
}
