"use server";
import { signInReader } from "@/lib/auth";
import { safeReturnTo } from "@/lib/auth/return-to";
import { enforceRateLimit } from "@/lib/book-api/rate-limits";
import { actionClient } from "@/lib/safe-action";
import { signInFormSchema } from "../schema";

export const signInAction = actionClient
  .metadata({ actionName: "sign-in", rateLimit: { windowSeconds: 60, max: 10 } })
  .inputSchema(signInFormSchema)
  .action(async ({ parsedInput: { returnTo, ...input }, ctx }) => {
    // The per-email budget is shared with POST /api/v1/auth/signin, so guesses cannot alternate surfaces.
    await enforceRateLimit("signinPerEmail", ctx.request, input.email);
    await signInReader(input, ctx.request);
    return { redirectTo: safeReturnTo(returnTo) ?? "/account" };
  });
