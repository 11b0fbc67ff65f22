"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import type { z } from "zod";
import type { ActionError } from "@/lib/safe-action";
import { fieldErrorsFromAction, fieldErrorsFromZod, type FieldErrors } from "./form-errors";

type ActionResult<Data> = { data?: Data; serverError?: ActionError; validationErrors?: unknown } | undefined;

/**
 * Runs a form through the action's own zod schema in the browser first (instant inline
 * errors), then through the server action, which validates again with the same schema.
 * Errors land on their field when the form has one, else above the button; focus moves to
 * the first field in error so keyboard and screen-reader users are taken to it.
 */
export function useFormAction<Schema extends z.ZodType, Data>(schema: Schema, action: (input: z.input<Schema>) => Promise<ActionResult<Data>>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.tagName === "FIELDSET" ? invalid.querySelector<HTMLElement>("input") : invalid;
    target?.focus();
  }, [errors]);

  function showServerError(error: ActionError) {
    const hasField = error.field && formRef.current?.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (hasField) {
      setErrors({ [error.field!]: error.message });
      setFormError(undefined);
    } else {
      setErrors({});
      setFormError(error.message);
    }
  }

  function submit(input: z.input<Schema>, onSuccess: (data: Data) => void) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setFormError(undefined);
      setErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    // The corrected values are on their way: yesterday's errors must not sit beside them while "Please wait…" shows.
    setErrors({});
    setFormError(undefined);
    startTransition(async () => {
      let result: ActionResult<Data>;
      try {
        result = await action(input);
      } catch {
        setFormError("Lectern could not be reached. Check your connection and try again.");
        return;
      }
      if (result?.validationErrors) {
        setFormError(undefined);
        setErrors(fieldErrorsFromAction(result.validationErrors));
      } else if (result?.serverError) {
        showServerError(result.serverError);
      } else {
        setErrors({});
        setFormError(undefined);
        onSuccess(result?.data as Data);
      }
    });
  }

  return { errors, formError, pending, submit, formRef };
}
