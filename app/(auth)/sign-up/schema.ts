import { z } from "zod";
import { returnToField, signUpBodySchema } from "@/lib/contract";

/** The sign-up form: the contract's sign-up body (same rules as POST /api/v1/auth/signup) plus where to go next. */
export const signUpFormSchema = signUpBodySchema.extend({
  returnTo: returnToField,
  /** When the page was served, signed (lib/insights): the authors' sign-up time (SC-001). */
  servedStamp: z.string().max(200).optional(),
});
export type SignUpForm = z.input<typeof signUpFormSchema>;
