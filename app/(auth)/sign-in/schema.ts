import { z } from "zod";
import { returnToField, signInBodySchema } from "@/lib/contract";

/** The sign-in form: the contract's sign-in body plus where to go next. */
export const signInFormSchema = signInBodySchema.extend({ returnTo: returnToField });
export type SignInForm = z.input<typeof signInFormSchema>;
