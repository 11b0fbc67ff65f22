import { z } from "zod";
import { backgroundSchema, backgroundUpdateSchema } from "./background";
import { enteredPasswordSchema, passwordSchema } from "./password";

/**
 * The book's REST contract (`/api/v1/auth`, DESIGN.md): one zod schema per shape, used by
 * the routes to parse and by the OpenAPI document to describe. Request bodies are strict,
 * so a client cannot slip in `emailVerified`, ids or timestamps.
 */
export const emailSchema = z.email("a valid email address").max(254).trim().toLowerCase();

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
  /** The `device_token` of an earlier sign-in on this device: exempts it from the per-email ceiling (OWASP's device cookie). */
  device_token: z.string().max(256).optional(),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const profileUpdateBodySchema = z.strictObject({ background: backgroundUpdateSchema });

const timestamp = z.iso.datetime({ offset: true });

/**
 * The one-page background step (/welcome) a reader without a background is sent to, however the
 * account began (SSO, social sign-in, a passkey): it asks the three questions, then returns to
 * `return_to` (a Lectern path or a BOOK_ORIGINS URL). A reader whose profile is complete passes straight through.
 */
export const completeProfilePath = "/welcome";

/** The absolute URL of the background step on Lectern (`lecternUrl` is BETTER_AUTH_URL), optionally returning to `returnTo`. */
export function completeProfileUrl(lecternUrl: string, returnTo?: string): string {
  const url = new URL(completeProfilePath, lecternUrl);
  if (returnTo) url.searchParams.set("return_to", returnTo);
  return url.toString();
}

/** `profile_complete`, and while it is false where to complete it: the same two fields in every answer that carries them. */
export function profileCompletionFields(complete: boolean, lecternUrl: string): { profile_complete: boolean; complete_profile_url?: string } {
  return complete ? { profile_complete: true } : { profile_complete: false, complete_profile_url: completeProfileUrl(lecternUrl) };
}

/** Where a reader with `profile_complete: false` answers the background questions; absent once they have. */
const completeProfileUrlField = z
  .url()
  .optional()
  .describe("Present only while profile_complete is false: Lectern's background step (/welcome); add ?return_to=<book URL> to come back");

export const signUpResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  /** Null only with REQUIRE_EMAIL_VERIFICATION: the reader signs in after confirming the email. */
  session_token: z.string().nullable(),
  profile_complete: z.boolean(),
  complete_profile_url: completeProfileUrlField,
  background: backgroundSchema.nullable(),
  /** Keep it and send it with the next sign-in from this device; null when no session began. */
  device_token: z.string().nullable(),
});

export const signInResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  session_token: z.string(),
  background: backgroundSchema.nullable(),
  /** False until the three background questions are answered (an account begun by SSO or a passkey): send the reader to `complete_profile_url`. */
  profile_complete: z.boolean(),
  complete_profile_url: completeProfileUrlField,
  /** Keep it and send it with the next sign-in from this device (the cookie `lectern.device` does the same for cookie clients). */
  device_token: z.string().nullable(),
});

export const profileResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  background: backgroundSchema.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  /** The older name of `profile_complete`, kept for books that read it. */
  profile_completed: z.boolean(),
  profile_complete: z.boolean(),
  complete_profile_url: completeProfileUrlField,
});

export const profileUpdateResponseSchema = z.object({
  user_id: z.string(),
  email: z.email(),
  background: backgroundSchema,
  updated_at: timestamp,
  /** Always true: a stored background is a complete one (all three answers). */
  profile_complete: z.literal(true),
});

/** A passkey's name, given when it is added or renamed on /account, so the reader can tell passkeys apart. */
export const passkeyNameMaxLength = 60;
export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the passkey a name.")
  .max(passkeyNameMaxLength, `Use at most ${passkeyNameMaxLength} characters.`);

export const signOutResponseSchema = z.object({ success: z.literal(true) });
export const refreshResponseSchema = z.object({ session_token: z.string() });

/**
 * `GET /api/v1/auth/export` (and the operator's `npm run admin -- export`): everything Lectern
 * keeps about one reader, readable (the background and sealed levels decrypted), no secrets
 * (no password hash, no session token). docs/admin.md says how it meets a data-access request.
 */
const targetLevelsSchema = z.record(z.string(), z.string());
export const accountExportSchema = z.object({
  format: z.literal("lectern-account-export/1"),
  exported_at: timestamp,
  account: z.object({
    user_id: z.string(),
    email: z.email(),
    email_verified: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    disabled: z.boolean(),
    disabled_reason: z.string().nullable(),
  }),
  profile: z.object({
    background: backgroundSchema.nullable(),
    profile_completed: z.boolean(),
    updated_at: timestamp.nullable(),
  }),
  sessions: z.array(
    z.object({
      id: z.string(),
      created_at: timestamp,
      updated_at: timestamp,
      expires_at: timestamp,
      ip_address: z.string().nullable(),
      user_agent: z.string().nullable(),
    }),
  ),
  /** The reader's passkeys: what identifies each to the reader, never its public key or credential id (ADR-0039). */
  passkeys: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      created_at: timestamp.nullable(),
      device_type: z.string(),
      backed_up: z.boolean(),
      authenticator: z.string().nullable(),
    }),
  ),
  /** Sign-in methods besides the password: a school's provider id or "github" / "google", when linked (ADR-0040). Never a token. */
  linked_accounts: z.array(z.object({ provider: z.string(), linked_at: timestamp })),
  audit_events: z.array(
    z.object({
      occurred_at: timestamp,
      event: z.string(),
      ip_address: z.string().nullable(),
      user_agent: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  personalization_events: z.array(
    z.object({
      occurred_at: timestamp,
      query: z.string().nullable(),
      chapter: z.string().nullable(),
      engine: z.string(),
      result_count: z.number().int(),
      target_levels: targetLevelsSchema.nullable(),
    }),
  ),
  reading_progress: z.array(z.object({ url: z.string(), state: z.enum(["read", "unread"]), updated_at: timestamp })),
  section_feedback: z.array(
    z.object({
      url: z.string(),
      helpful: z.boolean(),
      reason: z.enum(["too_hard", "too_easy", "unclear", "outdated", "other"]).nullable(),
      comment: z.string().nullable(),
      target_levels: targetLevelsSchema.nullable(),
      created_at: timestamp,
      updated_at: timestamp,
    }),
  ),
});
export type AccountExport = z.infer<typeof accountExportSchema>;
