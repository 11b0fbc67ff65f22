import { sso } from "@better-auth/sso";
import { getCurrentAdapter, type BetterAuthOptions, type BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { countSignInFailure } from "@/lib/ops";
import { auditContextFrom, recordAuditEvent } from "@/lib/profile";
import type { Config } from "@/lib/config";

/**
 * School sign-in (OIDC) and social sign-in (GitHub, Google), ADR-0040. Providers are registered by
 * an operator (`npm run admin -- sso add`, lib/admin), never through HTTP: the plugin's own
 * registration endpoints are off, so nobody can point a domain at an identity provider they run.
 */

/** The plugin's endpoints Lectern does not serve: provider management (operators use the CLI) and SAML (not offered). */
export const ssoDisabledPaths = [
  "/sso/register",
  "/sso/providers",
  "/sso/get-provider",
  "/sso/update-provider",
  "/sso/delete-provider",
  // One callback per provider (…/sso/callback/<provider-id>); the shared one is for a `redirectURI` Lectern does not set.
  "/sso/callback",
  "/sso/saml2/sp/metadata",
  "/sso/saml2/sp/acs/:providerId",
  "/sso/saml2/sp/slo/:providerId",
  "/sso/saml2/logout/:providerId",
];

/** Where a school's and a social provider's sign-ins come back (audit rows); lib/auth/rate-limit limits them and their starts. */
const ssoCallbackPath = "/sso/callback/:providerId";
const socialCallbackPath = "/callback/:id";

export function ssoPlugin() {
  return sso({
    // The IdP's email_verified claim is read (it is false otherwise, and nothing would ever link). Safe
    // here because only operators register providers, and `validateUserInfo` below keeps each
    // provider to its own domains.
    trustEmailVerified: true,
    // Nobody registers a provider through the API; operators write them (lib/admin/sso-providers).
    providersLimit: 0,
    modelName: "ssoProvider",
  });
}

/** Better Auth's `socialProviders`: each one whose id and secret are configured (lib/config refuses half a pair). */
export function socialProvidersFrom(settings: Config): NonNullable<BetterAuthOptions["socialProviders"]> {
  return {
    ...(settings.GITHUB_CLIENT_ID && settings.GITHUB_CLIENT_SECRET
      ? { github: { clientId: settings.GITHUB_CLIENT_ID, clientSecret: settings.GITHUB_CLIENT_SECRET } }
      : {}),
    ...(settings.GOOGLE_CLIENT_ID && settings.GOOGLE_CLIENT_SECRET
      ? { google: { clientId: settings.GOOGLE_CLIENT_ID, clientSecret: settings.GOOGLE_CLIENT_SECRET } }
      : {}),
  };
}

/**
 * Linking (docs/security.md): an identity from a provider joins an existing account only when the
 * provider says the email is verified AND the account's own email is verified (so an account someone
 * pre-registered with a reader's address, unverified, is never handed to the reader's login or the
 * other way round). No provider is trusted by name; emails must be the same.
 */
export const accountLinking = {
  enabled: true,
  trustedProviders: [] as string[],
  allowDifferentEmails: false,
  requireLocalEmailVerified: true,
  disableImplicitLinking: false,
};

type ValidateUserInfo = NonNullable<NonNullable<BetterAuthOptions["user"]>["validateUserInfo"]>;

export function emailDomainOf(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/** The domains a provider row serves: a comma list, lower-cased. */
export function providerDomains(domain: string): string[] {
  return domain
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
}

/** Whether a provider row's domains serve an email domain: one of them, or a subdomain of one. */
export function providerServesDomain(providerDomainList: string, emailDomain: string): boolean {
  return providerDomains(providerDomainList).some((served) => emailDomain === served || emailDomain.endsWith(`.${served}`));
}

/**
 * A school's provider speaks for its own domains only: an email it asserts outside them (a
 * misconfigured or hostile IdP claiming someone@gmail.com, verified) creates and links nothing.
 */
export const ssoEmailInProviderDomains: ValidateUserInfo = async ({ user, source }, ctx) => {
  if (source.method !== "sso-oidc" && source.method !== "sso-saml") return;
  const providerId = source.sso?.providerId;
  const email = typeof user.email === "string" ? user.email : "";
  if (!providerId || !email) return { error: "email_outside_provider_domain" };
  // Inside the sign-in's transaction (its adapter): a second connection would wait on the first's lock.
  const adapter = await getCurrentAdapter(ctx.context.adapter);
  const provider = await adapter.findOne<{ domain: string }>({ model: "ssoProvider", where: [{ field: "providerId", value: providerId }] });
  const domain = emailDomainOf(email);
  const allowed = provider ? providerServesDomain(provider.domain, domain) : false;
  if (!allowed) return { error: "email_outside_provider_domain", errorDescription: "This school's sign-in cannot vouch for that email address." };
};

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** Where a callback's redirect goes: an error code in its query means the sign-in failed. */
function callbackError(ctx: HookContext): string | null {
  const returned = ctx.context.returned;
  if (ctx.context.newSession) return null;
  if (isAPIError(returned)) {
    const location = (returned.headers as Headers | undefined)?.get?.("location");
    if (location) {
      const error = new URL(location, "http://lectern.invalid").searchParams.get("error");
      return error ?? "no_session";
    }
    return String(returned.body?.code ?? returned.status);
  }
  return "no_session";
}

/** Audit rows for school and social sign-ins, written like a password sign-in's, with the method. */
const auditProviderSignIn = createAuthMiddleware(async (ctx) => {
  const method = ctx.path === ssoCallbackPath ? "sso" : "social";
  const provider = String((ctx.params as Record<string, string> | undefined)?.providerId ?? (ctx.params as Record<string, string> | undefined)?.id ?? "");
  const context = auditContextFrom(ctx.request ?? ctx.headers);
  const created = ctx.context.newSession;
  if (created) {
    await recordAuditEvent({ event: "sign_in", userId: created.user.id, context, details: { method, provider } });
    return;
  }
  const reason = callbackError(ctx);
  if (!reason) return;
  countSignInFailure(reason);
  await recordAuditEvent({ event: "sign_in_failed", userId: null, context, details: { method, provider, reason } });
});

/** Lectern's hooks around the provider sign-ins (kept apart from the plugin itself). */
export function providerSignInAuditPlugin(): BetterAuthPlugin {
  return {
    id: "lectern-provider-sign-in",
    hooks: {
      after: [{ matcher: (ctx) => ctx.path === ssoCallbackPath || ctx.path === socialCallbackPath, handler: auditProviderSignIn }],
    },
  };
}
