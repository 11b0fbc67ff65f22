"use client";
import { FormMessage, SubmitButton, TextField } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { deleteAccountAction } from "../_actions/account";
import { deleteAccountSchema } from "../schema";

export function DeleteAccountForm() {
  const { errors, formError, pending, submit, formRef } = useFormAction(deleteAccountSchema, deleteAccountAction);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ password: String(new FormData(event.currentTarget).get("password") ?? "") }, () => {});
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <TextField
        name="password"
        id="delete-password"
        label="Your password, to confirm"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <FormMessage kind="bad">{formError}</FormMessage>
      <SubmitButton pending={pending} className="danger">
        Delete my account
      </SubmitButton>
    </form>
  );
}
