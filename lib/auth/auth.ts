import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin, bearer, jwt } from "better-auth/plugins";
import { nextCookies } from "better-auth/next-js";
import { flushPendingWrites, type Database } from "@/db";
import * as schema from "@/db/schema";
import { config } from "@/lib/config";
import { passwordLength } from "@/lib/contract";
import { clientIpHeader, logger } from "@/lib/http";
import { sendMail } from "@/lib/mail";
import { forgetPersonalizationEvents, targetLevelsFor } from "@/lib/personalization";
import { forgetReaderSearches, uncountReaderFeedback } from "@/lib/insights";
import { anonymizeAuditEvents, auditContextFrom, readBackground, readProfile, recordAuditEvent, uncountBackground } from "@/lib/profile";
import { auditAfterHook, auditSessionDeleted } from "./audit-hooks";
import { guardBeforeHook } from "./guard-hooks";
import { passkeyPlugin } from "./passkey-plugin";
import { betterAuthRateLimit, rateLimitPlugin } from "./rate-limit";
import { sessionStore } from "./session-store";
import { accountLinking, providerSignInAuditPlugin, socialProvidersFrom, ssoDisabledPaths, ssoEmailInProviderDomains, ssoPlugin } from "./sso";

const day = 60 * 60 * 24;

/** Session lifetime: a week, slid forward at most once a day of use (DESIGN: ≥ 24 h of inactivity). */
export const sessionPolicy = { expiresInSeconds: 7 * day, updateAgeSeconds: day } as const;
/** What a disabled reader is told on every sign-in path. */
export const disabledAccountMessage = "This account is disabled. Contact the book's team if you think this is a mistake.";
/** How long a JWT for other services stays valid; claims are as fresh as this (ADR-0003). */
export const jwtLifetime = "15m";

function betterAuthLogger() {
  return {
    // Better Auth logs some events with the email at info; Lectern keeps only warnings up.
    level: "warn" as const,
    log: (level: "debug" | "info" | "warn" | "error" | "success", message: string, ...args: unknown[]) => {
      const method = level === "success" ? "info" : level;
      // An error Better Auth passes along goes through the redacting serializer, never printed raw.
      const err = args.find((arg) => arg instanceof Error);
      logger()[method]({ source: "better-auth", ...(err ? { err } : {}) }, message);
    },
  };
}

function sendInBackground(mail: Parameters<typeof sendMail>[0]): void {
  // Not awaited: answering before the mail goes out keeps an existing address from timing differently.
  sendMail(mail).catch((error: unknown) => logger().error({ err: error, subject: mail.subject }, "mail failed"));
}

/** Builds Better Auth on a Drizzle database. Call `getAuth()` for the process-wide instance. */
export function createAuth(db: Database) {
  const settings = config();
  // Better Auth's admin plugin, for its `banned` check: a disabled reader gets no new session on
  // any path. Operators act through `npm run admin` (docs/admin.md), so its HTTP endpoints are off.
  const operatorAccounts = admin({ bannedUserMessage: disabledAccountMessage });
  return betterAuth({
    appName: "Lectern",
    baseURL: settings.BETTER_AUTH_URL,
    basePath: "/api/auth",
    secret: settings.BETTER_AUTH_SECRET,
    // SSO_PRIVATE_ISSUER_ORIGINS: identity providers the SSO plugin may fetch on a private network (ADR-0040).
    trustedOrigins: [...new Set([...settings.BOOK_ORIGINS, new URL(settings.BETTER_AUTH_URL).origin, ...settings.SSO_PRIVATE_ISSUER_ORIGINS])],
    database: drizzleAdapter(db, {
      provider: "pg",
      // Sign-up's user, credential account and session commit together or not at all: without
      // it, a database lost mid-sign-up left a user who can never sign in (reliability suite).
      transaction: true,
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        jwks: schema.jwks,
        rateLimit: schema.rateLimit,
        ssoProvider: schema.ssoProvider,
        passkey: schema.passkey,
      },
    }),
    logger: betterAuthLogger(),
    disabledPaths: [...Object.values(operatorAccounts.endpoints).map((endpoint) => endpoint.path), ...ssoDisabledPaths],
    // Unexpected errors go up to Lectern's route wrapper (envelope + redacting log) instead of
    // better-call printing them raw, SQL parameters and all, with console.error.
    // A provider sign-in that fails before its state is read (a replayed or forged callback) lands on
    // the sign-in page with ?error=<code>, which says so (ADR-0040), not on Better Auth's own page.
    onAPIError: { throw: true, errorURL: new URL("/sign-in", settings.BETTER_AUTH_URL).toString() },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: passwordLength.min,
      maxPasswordLength: passwordLength.max,
      requireEmailVerification: settings.REQUIRE_EMAIL_VERIFICATION,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => {
        const link = new URL("/reset-password", settings.BETTER_AUTH_URL);
        link.searchParams.set("token", token);
        sendInBackground({
          to: user.email,
          subject: "Reset your Lectern password",
          text: `Someone asked to reset the password of your Lectern account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this mail; your password stays as it is.`,
        });
      },
      onPasswordReset: async ({ user }, request) => {
        await recordAuditEvent({ event: "password_reset", userId: user.id, context: auditContextFrom(request) });
      },
    },
    emailVerification: {
      sendOnSignUp: settings.REQUIRE_EMAIL_VERIFICATION,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => {
        sendInBackground({
          to: user.email,
          subject: "Confirm your email for Lectern",
          text: `Welcome to Lectern. Confirm your email address by opening this link:\n${url}\n\nIf you did not sign up, ignore this mail.`,
        });
      },
    },
    // Sessions served from memory (embedded) or Redis, kept in the database too; Better Auth
    // writes and deletes both, so revocation applies on the next request (./session-store).
    secondaryStorage: sessionStore(),
    session: {
      expiresIn: sessionPolicy.expiresInSeconds,
      updateAge: sessionPolicy.updateAgeSeconds,
      storeSessionInDatabase: true,
      // No signed-cookie cache: it would keep a revoked session alive until the cookie expires.
      cookieCache: { enabled: false },
    },
    // Reset and verification tokens stay in the database only (they must survive a restart).
    verification: { storeInDatabase: true },
    // GitHub and Google when configured; school providers come from the sso plugin (ADR-0040).
    socialProviders: socialProvidersFrom(settings),
    account: {
      // Providers' access and refresh tokens are encrypted in the account table (Better Auth, with the secret).
      encryptOAuthTokens: true,
      accountLinking,
    },
    user: {
      validateUserInfo: ssoEmailInProviderDomains,
      deleteUser: {
        enabled: true,
        // reader_profile, sessions and accounts go with the user (foreign keys cascade).
        afterDelete: async (user) => {
          await anonymizeAuditEvents(user.id);
          await forgetPersonalizationEvents(user.id);
          await recordAuditEvent({ event: "account_deleted", userId: null, context: { ip: null, userAgent: null } });
        },
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user, context) => {
            await recordAuditEvent({
              event: "sign_up",
              userId: user.id,
              context: auditContextFrom(context?.request ?? context?.headers),
            });
          },
        },
        // Every deletion path (the reader's own, an operator's) passes here before the rows
        // cascade away: the reader's answers and feedback leave the authors' counts (ADR-0021).
        delete: {
          before: async (user) => {
            // The reader's searches held back for batching go in first, so they are forgotten too.
            await flushPendingWrites();
            const background = await readBackground(user.id);
            await uncountBackground(user.id);
            await uncountReaderFeedback(user.id);
            await forgetReaderSearches(user.id, background ? targetLevelsFor(background) : null);
          },
        },
      },
      session: { delete: { after: auditSessionDeleted } },
    },
    hooks: { before: guardBeforeHook, after: auditAfterHook },
    // Every limit is a row of lib/rate-limit's table; see ./rate-limit for how each path meets it.
    rateLimit: betterAuthRateLimit(),
    advanced: {
      cookiePrefix: "lectern",
      // Better Auth skips origin checks when NODE_ENV=test; the suites must see production behaviour.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // Only the Lectern server sets this header (from the socket or TRUSTED_PROXY_HOPS).
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
      useSecureCookies: settings.BETTER_AUTH_URL.startsWith("https:"),
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true },
    },
    plugins: [
      rateLimitPlugin(),
      bearer(),
      jwt({
        // No `set-auth-jwt` on every get-session: signing it (and reading the profile for its
        // claims) was a large share of each session read; services ask /api/auth/token.
        disableSettingJwtHeader: true,
        jwt: {
          expirationTime: jwtLifetime,
          definePayload: async ({ user }) => {
            const profile = await readProfile(user.id);
            return {
              email: user.email,
              // The contract's name, and the older one services may already read (docs/api.md).
              profile_complete: profile.profileCompleted,
              profile_completed: profile.profileCompleted,
              background: profile.background,
            };
          },
        },
      }),
      operatorAccounts,
      ssoPlugin(),
      providerSignInAuditPlugin(),
      passkeyPlugin(),
      // Must stay last: it turns Set-Cookie from auth.api calls in server actions into cookies.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
