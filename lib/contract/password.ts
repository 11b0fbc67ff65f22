import { z } from "zod";

/**
 * The one password rule (DESIGN: 8 to 128 characters), for the contract, the pages' forms and
 * Better Auth's own endpoints alike.
 */
export const passwordLength = { min: 8, max: 128 } as const;

/** The hint under a new-password field, and what the form says when the rule is broken. */
export const newPasswordHint = `${passwordLength.min} to ${passwordLength.max} characters.`;
export const newPasswordAdvice = `Use ${passwordLength.min} to ${passwordLength.max} characters.`;

const tooShort = `at least ${passwordLength.min} characters`;
const tooLong = `at most ${passwordLength.max} characters`;

/** A new password: sign-up, change, reset. */
export const passwordSchema = z.string().min(passwordLength.min, tooShort).max(passwordLength.max, tooLong);

/** Whether a contract message is the new-password rule's (the forms put it in plain words). */
export const breaksPasswordRule = (message: string) => message === tooShort || message === tooLong;

/** A password someone types to prove who they are: any length may be tried (a wrong one is just wrong). */
export const enteredPasswordSchema = z.string().min(1, "required").max(1024);

/** A new password typed twice; the second must match. */
export function withPasswordConfirmation<Schema extends z.ZodType<{ newPassword: string; confirmPassword: string }>>(schema: Schema) {
  return schema.refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwords differ",
  });
}
