import { z } from "zod";
import { signInBodySchema } from "@/lib/book-api/schemas";
import { returnToField } from "@/lib/contract";

/** The sign-in form: the contract's sign-in body plus where to go next. */
export const signInFormSchema = signInBodySchema.extend({ returnTo: returnToField });
export type SignInForm = z.input<typeof signInFormSchema>;
