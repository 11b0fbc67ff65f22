import { z } from "zod";
import { emailSchema, enteredPasswordSchema, returnToField, signInBodySchema } from "@/lib/contract";

/**
 * The sign-in form, email first: an email whose domain has a school provider goes there (no password);
 * any other needs the password: the field is left out (undefined) for a school's address, an empty
 * one is refused here, and the action requires it once the email is known to have no provider. Otherwise the contract's sign-in body plus where to go next.
 */
export const signInFormSchema = signInBodySchema.omit({ device_token: true, password: true }).extend({
  password: enteredPasswordSchema.optional(),
  // "Use a password instead": a school's address that also has a Lectern password (made before the school signed in).
  usePassword: z.boolean().optional(),
  returnTo: returnToField,
});
export type SignInForm = z.input<typeof signInFormSchema>;

/** The email-first step's question: does this address sign in through its school? */
export const signInMethodSchema = z.object({ email: emailSchema });

/** A social provider button (GitHub, Google: only those this server is configured for). */
export const socialSignInSchema = z.object({ provider: z.enum(["github", "google"]), returnTo: returnToField });
