import { defineConfig } from "@playwright/test";

/**
 * Browser journeys in Debian's Chromium (Playwright cannot download its own here).
 * Lectern runs as `npm start` would, on a throwaway embedded database in .e2e-data/.
 */
const lecternPort = Number(process.env.E2E_LECTERN_PORT ?? 3000);
export const lecternUrl = `http://localhost:${lecternPort}`;
/** The sample Docusaurus book (examples/docusaurus-book), built against this Lectern and served statically. */
const bookPort = Number(process.env.E2E_BOOK_PORT ?? 3001);
export const bookUrl = `http://localhost:${bookPort}`;
/** The sample deployment's one author (AUTHOR_EMAILS), for the insights journey. */
export const authorEmail = "author@insights.example";
/** The test OpenID Provider (testing/oidc-provider-server.ts) and the school it signs in, registered before Lectern starts. */
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3002);
export const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
export const schoolDomain = "school-e2e.test";
const registerSchool = [
  `npm run admin -- sso add --issuer ${oidcIssuer} --client-id lectern --client-secret lectern-test-client-secret-0123456789`,
  `--domain ${schoolDomain} --provider-id school-e2e --operator e2e`,
].join(" ");

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: lecternUrl,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      // First: Lectern registers it (OIDC discovery) before it starts.
      command: "npx tsx testing/oidc-provider-server.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_LECTERN_URL: lecternUrl, E2E_OIDC_PROVIDER_ID: "school-e2e" },
    },
    {
      // Then readers' comments old enough for authors to see (testing/e2e-seed.ts), which no test could age once the server holds the data.
      command: `rm -rf .e2e-data && ${registerSchool} && npx tsx testing/e2e-seed.ts && npm start`,
      url: `${lecternUrl}/api/ready`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(lecternPort),
        DATA_DIR: ".e2e-data",
        BETTER_AUTH_URL: lecternUrl,
        BOOK_ORIGINS: bookUrl,
        AUTHOR_EMAILS: authorEmail,
        LOG_LEVEL: "warn",
        // Only tests open loopback to the SSO plugin's fetches (ADR-0040).
        SSO_PRIVATE_ISSUER_ORIGINS: oidcIssuer,
      },
    },
    {
      // Builds the book first when its build is missing or stale (about a minute), then serves it.
      command: "npm run book",
      url: bookUrl,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      // A section counts as read after 2 s in view (15 s in the sample book), so the journeys stay short.
      env: { BOOK_PORT: String(bookPort), LECTERN_URL: lecternUrl, BOOK_READ_AFTER_SECONDS: "2" },
    },
  ],
});
