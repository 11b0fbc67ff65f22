import { isAPIError } from "better-auth/api";
import { database } from "@/db";
import { ssoProvider } from "@/db/schema";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { rateLimitedFromBetterAuth } from "./rate-limited-response";
import { getAuth } from "./instance";
import { emailDomainOf, providerServesDomain } from "./sso";

/**
 * The start of a school or social sign-in for the pages (ADR-0040): Better Auth's sign-in endpoint
 * stores the state (with its PKCE verifier) and sets the state cookie through nextCookies; the page
 * sends the browser to the provider. Every such sign-in comes back through the background step,
 * which passes a reader with a complete profile straight on to `returnTo`.
 */
export type SocialProvider = "github" | "google";

export function welcomeUrl(returnTo: string | null): string {
  return `/welcome?return_to=${encodeURIComponent(returnTo ?? "/account")}`;
}

/** The social providers this server is configured for, in the order the page shows them. */
export function configuredSocialProviders(): SocialProvider[] {
  const settings = config();
  return [
    ...(settings.GITHUB_CLIENT_ID && settings.GITHUB_CLIENT_SECRET ? (["github"] as const) : []),
    ...(settings.GOOGLE_CLIENT_ID && settings.GOOGLE_CLIENT_SECRET ? (["google"] as const) : []),
  ];
}

/** Whether the email's domain (or a parent domain) signs in through a registered school provider. */
export async function hasSchoolSignIn(email: string): Promise<boolean> {
  const domain = emailDomainOf(email);
  if (!domain) return false;
  const db = await database();
  const rows = await db.select({ domain: ssoProvider.domain }).from(ssoProvider);
  return rows.some((row) => providerServesDomain(row.domain, domain));
}

function redirectsFor(returnTo: string | null) {
  return { callbackURL: welcomeUrl(returnTo), newUserCallbackURL: welcomeUrl(returnTo), errorCallbackURL: "/sign-in" };
}

function providerUnavailable(error: unknown): never {
  if (isAPIError(error) && error.statusCode === 429) throw rateLimitedFromBetterAuth(error.headers);
  throw error;
}

/** The school's authorization URL for this email, or null when its domain has no provider. */
export async function schoolSignInUrl(email: string, returnTo: string | null, request: Request): Promise<string | null> {
  if (!(await hasSchoolSignIn(email))) return null;
  const auth = await getAuth();
  try {
    const started = await auth.api.signInSSO({ body: { email, ...redirectsFor(returnTo) }, headers: request.headers });
    return started.url;
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 404) return null;
    if (isAPIError(error) && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429) {
      throw new ApiError("INVALID_INPUT", "Your school's sign-in is not reachable right now. Try again in a moment.", { field: "email", reason: "provider" });
    }
    providerUnavailable(error);
  }
}

/** GitHub's or Google's authorization URL, when that provider is configured. */
export async function socialSignInUrl(provider: SocialProvider, returnTo: string | null, request: Request): Promise<string> {
  if (!configuredSocialProviders().includes(provider))
    throw new ApiError("INVALID_INPUT", `Sign-in with ${provider} is not offered here.`, { field: "provider" });
  const auth = await getAuth();
  try {
    const started = await auth.api.signInSocial({ body: { provider, disableRedirect: true, ...redirectsFor(returnTo) }, headers: request.headers });
    if (!started.url) throw new ApiError("INTERNAL_ERROR", "The provider did not answer with a sign-in address.");
    return started.url;
  } catch (error) {
    providerUnavailable(error);
  }
}
