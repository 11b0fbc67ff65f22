import { z } from "zod";
import { passwordSchema, withPasswordConfirmation } from "@/lib/contract";

export const resetPasswordSchema = withPasswordConfirmation(
  z.strictObject({ token: z.string().min(1).max(512), newPassword: passwordSchema, confirmPassword: z.string() }),
);
