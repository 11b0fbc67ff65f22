import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A real OpenID Provider for the tests: the certified `oidc-provider` package on 127.0.0.1, with one
 * confidential client for Lectern (authorization code + PKCE, required). Its login page is the
 * package's own development page (any login, the password is ignored): the login typed is the
 * account's `sub` and email. Consent is granted at once (a school's first-party app), so a sign-in is
 * one page, as with most schools' IdPs.
 */
export type TestIdentity = { email: string; emailVerified: boolean; name: string };

export type TestOidcProviderOptions = {
  /** Lectern's redirect URIs for this client: <BETTER_AUTH_URL>/api/auth/sso/callback/<provider-id>. */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  /** A fixed port (the browser suite's Lectern must know the issuer before it starts); else a random one. */
  port?: number;
  /** Logins whose claims differ from the default (email = login, verified). */
  identities?: Record<string, Partial<TestIdentity>>;
};

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claims a login gets. */
  identityOf: (login: string) => TestIdentity;
  /**
   * A browser's part, with fetch and a cookie jar: opens Lectern's authorization URL, signs in as
   * `login` on the provider's page and returns where the provider sends the browser back (Lectern's
   * callback with code and state, or with an error).
   */
  signIn: (authorizationUrl: string, login: string) => Promise<URL>;
  close: () => Promise<void>;
};

/** Logins that start with "unverified" get email_verified=false (the IdP does not vouch for the address). */
export function defaultIdentity(login: string): TestIdentity {
  return { email: login, emailVerified: !login.startsWith("unverified"), name: login.split("@")[0] ?? login };
}

export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? "lectern";
  const clientSecret = options.clientSecret ?? "lectern-test-client-secret-0123456789";
  const identityOf = (login: string): TestIdentity => ({ ...defaultIdentity(login), ...options.identities?.[login] });

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The id_token carries the email claims too (Lectern reads the userinfo endpoint as well).
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => {
        const identity = identityOf(sub);
        return { sub, email: identity.email, email_verified: identity.emailVerified, name: identity.name };
      },
    }),
    // Consent given at once: the grant covers what Lectern asks for.
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      grant.addOIDCClaims(["email", "email_verified", "name"]);
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["lectern-test-oidc-provider-cookie-key"] },
    renderError: async (ctx, out) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
  const provider = new Provider(issuer, configuration);
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    identityOf,
    signIn: (authorizationUrl, login) => signInAtProvider(issuer, authorizationUrl, login),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser's part at the test provider, with fetch and a cookie jar: opens the authorization URL Lectern
 * answered, signs in as `login` on the provider's page and returns where the provider sends the browser
 * back (Lectern's callback with code and state, or with an error). Usable from any process: it needs only
 * the issuer (the instances suite's provider runs in its global setup).
 */
export async function signInAtProvider(issuer: string, authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  let url = new URL(authorizationUrl);
  let init: RequestInit = { method: "GET" };
  for (let hop = 0; hop < 12; hop += 1) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: cookie() } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== issuer) return next;
      url = next;
      init = { method: "GET" };
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (response.status === 200 && url.pathname.startsWith("/interaction/") && action && page.includes('name="login"')) {
      url = new URL(action.replace(/&amp;/g, "&"), url);
      init = {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ prompt: "login", login, password: "any password" }).toString(),
      };
      continue;
    }
    throw new Error(`the test provider answered ${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
  }
  throw new Error("the test provider redirected too many times");
}

/** `npm run admin -- sso add …` for this provider, as an operator types it. */
export function ssoAddArguments(idp: TestOidcProvider, domain: string, providerId: string): string[] {
  return [
    "sso",
    "add",
    "--issuer",
    idp.issuer,
    "--client-id",
    idp.clientId,
    "--client-secret",
    idp.clientSecret,
    "--domain",
    domain,
    "--provider-id",
    providerId,
  ];
}
