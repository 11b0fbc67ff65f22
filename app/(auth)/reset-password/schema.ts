import { z } from "zod";
import { passwordSchema } from "@/lib/book-api/schemas";

export const resetPasswordSchema = z
  .strictObject({ token: z.string().min(1).max(512), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "passwords differ" });
