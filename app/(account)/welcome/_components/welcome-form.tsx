"use client";
import { BackgroundFields, backgroundFromForm } from "@/app/_components/background-fields";
import { FormMessage, SubmitButton } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import { completeBackgroundAction } from "../_actions/welcome";
import { welcomeFormSchema, type WelcomeForm } from "../schema";

export function WelcomeForm({ returnTo }: { returnTo?: string }) {
  const { errors, formError, pending, submit, formRef } = useFormAction(welcomeFormSchema, completeBackgroundAction);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { background: backgroundFromForm(new FormData(event.currentTarget)), returnTo } as WelcomeForm;
    // return_to may be the book, on another origin: a full navigation, as after sign-up.
    submit(input, ({ redirectTo }) => window.location.assign(redirectTo));
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="welcome-intro">
      <BackgroundFields errors={errors} />
      <FormMessage kind="bad">{formError}</FormMessage>
      <div className="row">
        <SubmitButton pending={pending}>Save and continue</SubmitButton>
      </div>
    </form>
  );
}
