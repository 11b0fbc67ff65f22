import { z } from "zod";
import { passwordSchema } from "@/lib/book-api/schemas";
import { backgroundSchema } from "@/lib/profile/background";

/** The account page's forms; each schema is shared by its form (in the browser) and its action. */
export const backgroundFormSchema = z.strictObject({ background: backgroundSchema });

export const revokeSessionSchema = z.strictObject({ sessionId: z.string().min(1).max(128) });

export const changePasswordSchema = z
  .strictObject({ currentPassword: z.string().min(1, "required").max(1024), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "passwords differ" });

export const deleteAccountSchema = z.strictObject({ password: z.string().min(1, "required").max(1024) });

export const noInputSchema = z.strictObject({});
