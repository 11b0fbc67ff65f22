/**
 * The test OpenID Provider (./oidc-provider) as a process of its own, for the browser suite: Lectern
 * must know the issuer before it starts (SSO_PRIVATE_ISSUER_ORIGINS), so it listens on a fixed port.
 * Started by playwright.config.ts before Lectern; `npm run admin -- sso add` registers it.
 *   E2E_OIDC_PORT (3002), E2E_LECTERN_URL (http://localhost:3000), E2E_OIDC_PROVIDER_ID (school-e2e)
 */
import { startOidcProvider } from "./oidc-provider";

const port = Number(process.env.E2E_OIDC_PORT ?? 3002);
const lecternUrl = process.env.E2E_LECTERN_URL ?? "http://localhost:3000";
const providerId = process.env.E2E_OIDC_PROVIDER_ID ?? "school-e2e";

void startOidcProvider({ port, redirectUris: [`${lecternUrl}/api/auth/sso/callback/${providerId}`] }).then((provider) => {
  console.log(`test OpenID Provider at ${provider.issuer} (client ${provider.clientId})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void provider.close().then(() => process.exit(0)));
  }
});
