"use client";
import { backgroundFields, backgroundQuestions, type Background } from "@/lib/contract";
import { errorId, FieldError } from "./form-parts";
import type { FieldErrors } from "./form-errors";

/**
 * The three background questions as radio groups, each answer with its one-line hint. Used by
 * the sign-up form and the account page, so both ask in the same words.
 */
export function BackgroundFields({ values, errors }: { values?: Partial<Background> | null; errors: FieldErrors }) {
  return (
    <>
      {backgroundFields.map((field) => {
        const { question, answers } = backgroundQuestions[field];
        const name = `background.${field}`;
        const error = errors[name];
        return (
          <fieldset key={field} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId(name) : undefined}>
            <legend>{question}</legend>
            {Object.entries(answers).map(([level, hint]) => (
              <label className="choice" key={level}>
                <input type="radio" name={name} value={level} defaultChecked={values?.[field] === level} />
                <span>
                  {level[0]!.toUpperCase() + level.slice(1)}
                  <small>{hint}</small>
                </span>
              </label>
            ))}
            <FieldError name={name} message={error} />
          </fieldset>
        );
      })}
    </>
  );
}

/** Reads the radio groups back out of a submitted form. */
export function backgroundFromForm(form: FormData): Partial<Record<keyof Background, string>> {
  const answers: Partial<Record<keyof Background, string>> = {};
  for (const field of backgroundFields) {
    const value = form.get(`background.${field}`);
    if (typeof value === "string") answers[field] = value;
  }
  return answers;
}
