import { z } from "zod";
import { backgroundSchema, backgroundUpdateSchema } from "@/lib/profile/background";

/**
 * The book's REST contract (`/api/v1/auth`, DESIGN.md): one zod schema per shape, used by
 * the routes to parse and by the OpenAPI document to describe. Request bodies are strict,
 * so a client cannot slip in `emailVerified`, ids or timestamps.
 */
export const emailSchema = z.email("a valid email address").max(254).trim().toLowerCase();
export const passwordSchema = z
  .string()
  .min(8, "at least 8 characters")
  .max(128, "at most 128 characters");

/** A password someone types to prove who they are: any length may be tried (a wrong one is just wrong). */
export const enteredPasswordSchema = z.string().min(1, "required").max(1024);

/** A new password typed twice; the second must match. */
export function withPasswordConfirmation<Schema extends z.ZodType<{ newPassword: string; confirmPassword: string }>>(
  schema: Schema,
) {
  return schema.refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "passwords differ",
  });
}

export const signUpBodySchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  background: backgroundSchema,
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const signInBodySchema = z.strictObject({
  email: emailSchema,
  // A wrong one of any length is INVALID_CREDENTIALS, not a hint about the rules.
  password: enteredPasswordSchema,
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const profileUpdateBodySchema = z.strictObject({ background: backgroundUpdateSchema });
export type ProfileUpdateBody = z.infer<typeof profileUpdateBodySchema>;

const timestamp = z.iso.datetime({ offset: true });

export const signUpResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  /** Null only with REQUIRE_EMAIL_VERIFICATION: the reader signs in after confirming the email. */
  session_token: z.string().nullable(),
  profile_complete: z.boolean(),
  background: backgroundSchema.nullable(),
});

export const signInResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  session_token: z.string(),
  background: backgroundSchema.nullable(),
});

export const profileResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  background: backgroundSchema.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  profile_completed: z.boolean(),
});

export const profileUpdateResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  background: backgroundSchema,
  updated_at: timestamp,
});

export const signOutResponseSchema = z.object({ success: z.literal(true) });
export const refreshResponseSchema = z.object({ session_token: z.string() });
