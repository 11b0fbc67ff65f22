"use server";
import { safeReturnTo, signUpReader } from "@/lib/auth";
import { recordSignUpDuration } from "@/lib/insights";
import { actionClient } from "@/lib/safe-action";
import { signUpFormSchema } from "../schema";

export const signUpAction = actionClient
  .metadata({ actionName: "sign-up" })
  .inputSchema(signUpFormSchema)
  .action(async ({ parsedInput: { returnTo, servedStamp, ...input }, ctx }) => {
    // Better Auth's Set-Cookie reaches the browser through nextCookies().
    const result = await signUpReader(input, ctx.request);
    // SC-001 for the authors: the account exists now; how long since /sign-up was served.
    await recordSignUpDuration(servedStamp);
    // REQUIRE_EMAIL_VERIFICATION: no session yet; the mailed link signs the reader in.
    if (!result.sessionToken) return { redirectTo: "/sign-in?verify=1" };
    return { redirectTo: safeReturnTo(returnTo) ?? (result.profileCompleted ? "/account?welcome=1" : "/account") };
  });
