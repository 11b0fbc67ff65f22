import { z } from "zod";
import { signInBodySchema } from "@/lib/book-api/schemas";

/** The sign-in form: the contract's sign-in body plus where to go next. */
export const signInFormSchema = signInBodySchema.extend({ returnTo: z.string().max(2048).optional() });
export type SignInForm = z.input<typeof signInFormSchema>;
