"use server";
import { resetPasswordWithToken } from "@/lib/auth";
import { actionClient } from "@/lib/safe-action";
import { resetPasswordSchema } from "../schema";

export const resetPasswordAction = actionClient
  .metadata({ actionName: "reset-password" })
  .inputSchema(resetPasswordSchema)
  .action(async ({ parsedInput: { token, newPassword }, ctx }) => {
    await resetPasswordWithToken(token, newPassword, ctx.request);
    return { redirectTo: "/sign-in?reset=1" };
  });
