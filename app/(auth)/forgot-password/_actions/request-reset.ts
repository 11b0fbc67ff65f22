"use server";
import { requestPasswordReset } from "@/lib/auth";
import { actionClient } from "@/lib/safe-action";
import { forgotPasswordSchema } from "../schema";

export const requestResetAction = actionClient
  .metadata({ actionName: "forgot-password" })
  .inputSchema(forgotPasswordSchema)
  .action(async ({ parsedInput: { email }, ctx }) => {
    // The same answer whether or not the address has an account.
    await requestPasswordReset(email, ctx.request);
    return { sent: true };
  });
