"use server";
import { safeReturnTo, signInReader } from "@/lib/auth";
import { actionClient } from "@/lib/safe-action";
import { signInFormSchema } from "../schema";

export const signInAction = actionClient
  .metadata({ actionName: "sign-in" })
  .inputSchema(signInFormSchema)
  .action(async ({ parsedInput: { returnTo, ...input }, ctx }) => {
    // The per-email budget lives in Better Auth's before-hook, shared by every sign-in path.
    await signInReader(input, ctx.request);
    return { redirectTo: safeReturnTo(returnTo) ?? "/account" };
  });
