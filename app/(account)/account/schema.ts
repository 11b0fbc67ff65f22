import { z } from "zod";
import { backgroundSchema, enteredPasswordSchema, passkeyNameSchema, passwordSchema, withPasswordConfirmation } from "@/lib/contract";

/** The account page's forms; each schema is shared by its form (in the browser) and its action. */
export const backgroundFormSchema = z.strictObject({ background: backgroundSchema });

export const revokeSessionSchema = z.strictObject({ sessionId: z.string().min(1).max(128) });

export const changePasswordSchema = withPasswordConfirmation(
  z.strictObject({ currentPassword: enteredPasswordSchema, newPassword: passwordSchema, confirmPassword: z.string() }),
);

export const deleteAccountSchema = z.strictObject({ password: enteredPasswordSchema });

export const noInputSchema = z.strictObject({});

const passkeyId = z.string().min(1).max(128);
export const renamePasskeySchema = z.strictObject({ passkeyId, name: passkeyNameSchema });
export const removePasskeySchema = z.strictObject({ passkeyId });
