import { z } from "zod";
import { returnToField, signInBodySchema } from "@/lib/contract";

/** The sign-in form: the contract's sign-in body plus where to go next (the device token goes as the cookie Better Auth set). */
export const signInFormSchema = signInBodySchema.omit({ device_token: true }).extend({ returnTo: returnToField });
export type SignInForm = z.input<typeof signInFormSchema>;
