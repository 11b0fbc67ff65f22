"use server";
import { hasSchoolSignIn, safeReturnTo, schoolSignInUrl, signInReader, socialSignInUrl } from "@/lib/auth";
import { ApiError } from "@/lib/http";
import { actionClient } from "@/lib/safe-action";
import { signInFormSchema, signInMethodSchema, socialSignInSchema } from "../schema";

export const signInAction = actionClient
  .metadata({ actionName: "sign-in" })
  .inputSchema(signInFormSchema)
  .action(async ({ parsedInput: { returnTo, password, email, usePassword }, ctx }) => {
    const next = safeReturnTo(returnTo);
    // Email first: a school's domain signs in at the school (its state cookie is set on this answer).
    const school = usePassword ? null : await schoolSignInUrl(email, next, ctx.request);
    if (school) return { redirectTo: school };
    if (!password) throw new ApiError("INVALID_INPUT", "Enter your password.", { field: "password", reason: "required" });
    // The per-email budget lives in Better Auth's before-hook, shared by every sign-in path.
    await signInReader({ email, password }, ctx.request);
    return { redirectTo: next ?? "/account" };
  });

/** Asked when the email is typed, so the form can hide the password for a school's address. */
export const signInMethodAction = actionClient
  .metadata({ actionName: "sign-in-method" })
  .inputSchema(signInMethodSchema)
  .action(async ({ parsedInput: { email } }) => ({ school: await hasSchoolSignIn(email) }));

export const socialSignInAction = actionClient
  .metadata({ actionName: "sign-in-social" })
  .inputSchema(socialSignInSchema)
  .action(async ({ parsedInput: { provider, returnTo }, ctx }) => ({
    redirectTo: await socialSignInUrl(provider, safeReturnTo(returnTo), ctx.request),
  }));
