"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changeReaderPassword, deleteReaderAccount, removeReaderPasskey, renameReaderPasskey, revokeAllReaderSessions, revokeReaderSession } from "@/lib/auth";
import { auditContextFrom, updateBackground } from "@/lib/profile";
import { authenticatedActionClient } from "@/lib/safe-action";
import {
  backgroundFormSchema,
  changePasswordSchema,
  deleteAccountSchema,
  noInputSchema,
  removePasskeySchema,
  renamePasskeySchema,
  revokeSessionSchema,
} from "../schema";

export const updateBackgroundAction = authenticatedActionClient
  .metadata({ actionName: "update-background", countsAsWrite: true })
  .inputSchema(backgroundFormSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { background, updatedAt } = await updateBackground(ctx.reader.userId, parsedInput.background, auditContextFrom(ctx.request));
    revalidatePath("/account");
    return { background, updatedAt: updatedAt.toISOString() };
  });

export const revokeSessionAction = authenticatedActionClient
  .metadata({ actionName: "revoke-session" })
  .inputSchema(revokeSessionSchema)
  .action(async ({ parsedInput: { sessionId }, ctx }) => {
    await revokeReaderSession(ctx.request, sessionId);
    revalidatePath("/account");
    return { revoked: sessionId };
  });

export const changePasswordAction = authenticatedActionClient
  .metadata({ actionName: "change-password" })
  .inputSchema(changePasswordSchema)
  .action(async ({ parsedInput: { currentPassword, newPassword }, ctx }) => {
    await changeReaderPassword(ctx.request, { currentPassword, newPassword });
    // No revalidatePath: re-rendering here would read the request's old (now revoked) session
    // cookie and bounce to /sign-in; the form refreshes the page with the new cookie instead.
    return { changed: true };
  });

export const signOutEverywhereAction = authenticatedActionClient
  .metadata({ actionName: "sign-out-everywhere" })
  .inputSchema(noInputSchema)
  .action(async ({ ctx }) => {
    await revokeAllReaderSessions(ctx.request);
    redirect("/sign-in?signedOut=1");
  });

export const deleteAccountAction = authenticatedActionClient
  .metadata({ actionName: "delete-account" })
  .inputSchema(deleteAccountSchema)
  .action(async ({ parsedInput: { password }, ctx }) => {
    await deleteReaderAccount(ctx.request, password);
    redirect("/?deleted=1");
  });

export const renamePasskeyAction = authenticatedActionClient
  .metadata({ actionName: "rename-passkey" })
  .inputSchema(renamePasskeySchema)
  .action(async ({ parsedInput: { passkeyId, name }, ctx }) => {
    await renameReaderPasskey(ctx.request, passkeyId, name);
    revalidatePath("/account");
    return { renamed: passkeyId };
  });

export const removePasskeyAction = authenticatedActionClient
  .metadata({ actionName: "remove-passkey" })
  .inputSchema(removePasskeySchema)
  .action(async ({ parsedInput: { passkeyId }, ctx }) => {
    await removeReaderPasskey(ctx.request, passkeyId);
    revalidatePath("/account");
    return { removed: passkeyId };
  });
