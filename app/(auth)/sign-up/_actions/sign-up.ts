"use server";
import { signUpReader } from "@/lib/auth";
import { safeReturnTo } from "@/lib/auth/return-to";
import { actionClient } from "@/lib/safe-action";
import { signUpFormSchema } from "../schema";

export const signUpAction = actionClient
  .metadata({ actionName: "sign-up" })
  .inputSchema(signUpFormSchema)
  .action(async ({ parsedInput: { returnTo, ...input }, ctx }) => {
    // Better Auth's Set-Cookie reaches the browser through nextCookies().
    const result = await signUpReader(input, ctx.request);
    // REQUIRE_EMAIL_VERIFICATION: no session yet; the mailed link signs the reader in.
    if (!result.sessionToken) return { redirectTo: "/sign-in?verify=1" };
    return { redirectTo: safeReturnTo(returnTo) ?? (result.profileCompleted ? "/account?welcome=1" : "/account") };
  });
