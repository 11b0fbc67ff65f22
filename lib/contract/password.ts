import { dictionary } from "@zxcvbn-ts/language-common";
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

const tooCommon = "too common (on lists of leaked passwords)";

/**
 * NIST 800-63B asks to refuse passwords from lists of known leaked ones: zxcvbn-ts's ranked list
 * (about 49,000; the 18,000 that the length rule lets through are kept), compared lower-cased.
 * It ships to the browser with the forms (ADR-0036): the form says so before the request is sent.
 */
const commonPasswords = new Set(
  dictionary["passwords-common"]
    .filter((entry) => entry.length >= passwordLength.min && entry.length <= passwordLength.max)
    .map((entry) => entry.toLowerCase()),
);

export const isCommonPassword = (password: string) => commonPasswords.has(password.toLowerCase());

/** What a form says about a common password. */
export const commonPasswordAdvice = "This password is too common: attackers try it first. Choose another, a short sentence works well.";

/** A new password: sign-up, change, reset. */
export const passwordSchema = z
  .string()
  .min(passwordLength.min, tooShort)
  .max(passwordLength.max, tooLong)
  .refine((password) => !isCommonPassword(password), tooCommon);

/** Whether a contract message is the new-password rule's (the forms put it in plain words). */
export const breaksPasswordRule = (message: string) => message === tooShort || message === tooLong;

/** Whether a contract message refuses a common password. */
export const isTooCommonMessage = (message: string) => message === tooCommon;

/** A password someone types to prove who they are: any length may be tried (a wrong one is just wrong). */
export const enteredPasswordSchema = z.string().min(1, "required").max(1024);

/** A new password typed twice; the second must match. */
export function withPasswordConfirmation<Schema extends z.ZodType<{ newPassword: string; confirmPassword: string }>>(schema: Schema) {
  return schema.refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwords differ",
  });
}
