"use server";
import { redirect } from "next/navigation";
import { safeReturnTo, signOutReader } from "@/lib/auth";
import { authenticatedActionClient } from "@/lib/safe-action";
import { signOutSchema } from "../schema";

/** Ends this device's session, then goes back to the book page (or to sign-in). */
export const signOutAction = authenticatedActionClient
  .metadata({ actionName: "sign-out" })
  .inputSchema(signOutSchema)
  .action(async ({ parsedInput: { returnTo }, ctx }) => {
    await signOutReader(ctx.request);
    redirect(safeReturnTo(returnTo) ?? "/sign-in?signedOut=1");
  });
