import { randomUUID } from "node:crypto";
import { isPublicRoutableHost } from "@better-auth/core/utils/host";
import { DiscoveryError, discoverOIDCConfig } from "@better-auth/sso";
import { and, count, eq, inArray } from "drizzle-orm";
import { database } from "@/db";
import { account, ssoProvider } from "@/db/schema";
import { providerDomains } from "@/lib/auth";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { recordAuditEvent } from "@/lib/profile";
import type { Operator } from "./operator-actions";

/**
 * A school's identity provider, registered by an operator (`npm run admin -- sso add`, docs/admin.md;
 * ADR-0040). Lectern writes the row the SSO plugin reads: the same JSON its own registration endpoint
 * would store, after the same OIDC discovery, so sign-in needs no discovery at request time.
 */
export type SsoProviderInput = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Comma list or array of email domains: school.edu,other.edu. */
  domains: string | string[];
  providerId?: string;
};

export type SsoProviderSummary = {
  providerId: string;
  issuer: string;
  domains: string[];
  /** What the school's IdP must list as this client's redirect URI. */
  redirectUri: string;
  createdAt: Date;
  linkedAccounts: number;
};

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const providerIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** Ids Better Auth gives its own accounts and social providers: an SSO provider may not take them. */
const reservedProviderIds = new Set(["credential", "email", "email-password", "github", "google", "passkey", "sso"]);

function invalid(field: string, message: string): ApiError {
  return new ApiError("INVALID_INPUT", message, { field, reason: "invalid" });
}

export function ssoRedirectUri(providerId: string): string {
  return new URL(`/api/auth/sso/callback/${providerId}`, config().BETTER_AUTH_URL).toString();
}

function parseDomains(domains: string | string[]): string[] {
  const list = providerDomains(Array.isArray(domains) ? domains.join(",") : domains);
  if (list.length === 0) throw invalid("domain", "Give at least one email domain: --domain school.edu[,other.edu].");
  for (const domain of list) {
    if (!domainPattern.test(domain)) throw invalid("domain", `"${domain}" is not an email domain (like school.edu).`);
  }
  return [...new Set(list)];
}

/**
 * What the plugin may fetch: a public https host, or an origin listed in SSO_PRIVATE_ISSUER_ORIGINS
 * (an IdP on a private network, the tests' provider on 127.0.0.1). Better Auth applies the same rule
 * again on every fetch at sign-in, through its trustedOrigins.
 */
function fetchable(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (config().SSO_PRIVATE_ISSUER_ORIGINS.includes(parsed.origin)) return true;
  return parsed.protocol === "https:" && isPublicRoutableHost(parsed.hostname);
}

function parseIssuer(issuer: string): string {
  let parsed: URL;
  try {
    parsed = new URL(issuer.trim());
  } catch {
    throw invalid("issuer", `--issuer must be the provider's issuer URL (like https://login.school.edu); got "${issuer}".`);
  }
  if (!fetchable(parsed.toString())) {
    throw invalid(
      "issuer",
      `--issuer ${parsed.origin} is not a public https address; an IdP on a private network must be listed in SSO_PRIVATE_ISSUER_ORIGINS.`,
    );
  }
  return issuer.trim().replace(/\/$/, "");
}

async function linkedAccountCounts(providerIds: string[]): Promise<Map<string, number>> {
  if (providerIds.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .select({ providerId: account.providerId, linked: count() })
    .from(account)
    .where(inArray(account.providerId, providerIds))
    .groupBy(account.providerId);
  return new Map(rows.map((row) => [row.providerId, Number(row.linked)]));
}

function audit(event: "sso_provider_added" | "sso_provider_removed", operator: Operator, details: Record<string, unknown>) {
  return recordAuditEvent({
    event,
    userId: null,
    context: { ip: null, userAgent: "npm run admin" },
    details: { by: "operator", operator: operator.name, ...details },
  });
}

export async function addSsoProvider(input: SsoProviderInput, operator: Operator): Promise<SsoProviderSummary> {
  const issuer = parseIssuer(input.issuer);
  const domains = parseDomains(input.domains);
  const clientId = input.clientId.trim();
  const clientSecret = input.clientSecret.trim();
  if (!clientId) throw invalid("client-id", "--client-id is required (the client id the school's IdP gave Lectern).");
  if (!clientSecret) throw invalid("client-secret", "--client-secret is required (the client secret the school's IdP gave Lectern).");
  const providerId = (input.providerId ?? domains[0]!.replace(/\./g, "-")).trim().toLowerCase();
  if (!providerIdPattern.test(providerId)) throw invalid("provider-id", `--provider-id "${providerId}" must be lower-case letters, digits and -, at most 64.`);
  if (reservedProviderIds.has(providerId)) throw invalid("provider-id", `--provider-id "${providerId}" is reserved; choose another.`);

  const db = await database();
  const existing = await db.select({ providerId: ssoProvider.providerId, domain: ssoProvider.domain }).from(ssoProvider);
  if (existing.some((row) => row.providerId === providerId)) throw invalid("provider-id", `A provider "${providerId}" exists already (sso list shows it).`);
  for (const row of existing) {
    const taken = providerDomains(row.domain).find((domain) => domains.includes(domain));
    if (taken) throw invalid("domain", `${taken} already signs in through provider "${row.providerId}"; remove that one first.`);
  }

  let discovered;
  try {
    discovered = await discoverOIDCConfig({ issuer, isTrustedOrigin: fetchable });
  } catch (error) {
    if (error instanceof DiscoveryError) throw invalid("issuer", `OIDC discovery at ${issuer} failed: ${error.message.split("\n")[0]}`);
    throw error;
  }
  // The same fields the plugin's own registration stores (sso/register), PKCE always on.
  const oidcConfig = {
    issuer: discovered.issuer,
    clientId,
    clientSecret,
    authorizationEndpoint: discovered.authorizationEndpoint,
    tokenEndpoint: discovered.tokenEndpoint,
    tokenEndpointAuthentication: discovered.tokenEndpointAuthentication,
    jwksEndpoint: discovered.jwksEndpoint,
    pkce: true,
    discoveryEndpoint: discovered.discoveryEndpoint,
    scopes: ["openid", "email", "profile"],
    userInfoEndpoint: discovered.userInfoEndpoint,
    overrideUserInfo: false,
  };
  const createdAt = new Date();
  await db.insert(ssoProvider).values({
    id: randomUUID(),
    issuer: discovered.issuer,
    oidcConfig: JSON.stringify(oidcConfig),
    userId: null,
    providerId,
    domain: domains.join(","),
    createdAt,
    updatedAt: createdAt,
  });
  await audit("sso_provider_added", operator, { provider_id: providerId, issuer: discovered.issuer, domains });
  return { providerId, issuer: discovered.issuer, domains, redirectUri: ssoRedirectUri(providerId), createdAt, linkedAccounts: 0 };
}

export async function listSsoProviders(): Promise<SsoProviderSummary[]> {
  const db = await database();
  const rows = await db.select().from(ssoProvider).orderBy(ssoProvider.providerId);
  const linked = await linkedAccountCounts(rows.map((row) => row.providerId));
  return rows.map((row) => ({
    providerId: row.providerId,
    issuer: row.issuer,
    domains: providerDomains(row.domain),
    redirectUri: ssoRedirectUri(row.providerId),
    createdAt: row.createdAt,
    linkedAccounts: linked.get(row.providerId) ?? 0,
  }));
}

/**
 * Removes the provider and the accounts linked through it (as the plugin's own deletion does): its
 * readers keep their Lectern data and sign in with a password (reset by email) or a passkey.
 */
export async function removeSsoProvider(providerId: string, operator: Operator): Promise<{ unlinkedAccounts: number }> {
  const db = await database();
  const id = providerId.trim().toLowerCase();
  const [row] = await db.select({ providerId: ssoProvider.providerId }).from(ssoProvider).where(eq(ssoProvider.providerId, id));
  if (!row) throw new ApiError("USER_NOT_FOUND", `No provider "${id}" (sso list shows the registered ones).`, { field: "provider-id", reason: "unknown" });
  const unlinked = await db.transaction(async (tx) => {
    const removed = await tx
      .delete(account)
      .where(and(eq(account.providerId, id)))
      .returning({ id: account.id });
    await tx.delete(ssoProvider).where(eq(ssoProvider.providerId, id));
    return removed.length;
  });
  await audit("sso_provider_removed", operator, { provider_id: id, unlinked_accounts: unlinked });
  return { unlinkedAccounts: unlinked };
}
