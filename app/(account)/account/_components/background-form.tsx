"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { BackgroundFields, backgroundFromForm } from "@/app/_components/background-fields";
import { FormMessage, SubmitButton } from "@/app/_components/form-parts";
import { useFormAction } from "@/app/_components/use-form-action";
import type { Background } from "@/lib/contract";
import { updateBackgroundAction } from "../_actions/account";
import { backgroundFormSchema } from "../schema";

export function BackgroundForm({ background }: { background: Background | null }) {
  const router = useRouter();
  const { errors, formError, pending, submit, formRef } = useFormAction(backgroundFormSchema, updateBackgroundAction);
  const [saved, setSaved] = useState(false);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    submit({ background: backgroundFromForm(new FormData(event.currentTarget)) as Background }, () => {
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate onChange={() => setSaved(false)}>
      <BackgroundFields values={background} errors={errors} />
      <FormMessage kind="bad">{formError}</FormMessage>
      <FormMessage kind="ok">{saved ? "Saved. The book uses your new answers from the next page you open." : undefined}</FormMessage>
      <SubmitButton pending={pending}>{background ? "Save background" : "Save and continue"}</SubmitButton>
    </form>
  );
}
