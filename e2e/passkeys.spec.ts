import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { bookUrl } from "../playwright.config";
import { checkPage } from "./page-checks";

/**
 * Passkeys in Chromium, on its own WebAuthn virtual authenticator (CDP `WebAuthn.*`): a platform
 * authenticator that holds discoverable credentials and verifies the user, as a laptop's
 * fingerprint reader would. Add a passkey on /account, sign out, sign in with it (no email, no
 * password), remove it, and see a removed passkey refused in plain words.
 */

async function signUp(page: Page, email: string) {
  await page.goto("/sign-up?returnTo=/account");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a sentence for a password");
  for (const [group, answer] of [
    [/software have you built/, /^Intermediate/],
    [/how well do you program/i, /^Basic/],
    [/know hardware/, /^None/],
  ] as const) {
    await page.getByRole("group", { name: group }).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
}

function passkeyList(page: Page) {
  return page.getByRole("list", { name: "Your passkeys" });
}

test("add a passkey → sign out → sign in with it → remove it → a removed passkey is refused", async ({ page }) => {
  const email = `passkey-${randomUUID()}@example.org`;
  const authenticator = await virtualAuthenticator(page);
  await signUp(page, email);

  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  // A name is asked for, so passkeys can be told apart.
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Give the passkey a name.")).toBeVisible();
  await page.getByLabel("Name for a new passkey").fill("Test laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey “Test laptop” added.")).toBeVisible();
  await expect(passkeyList(page).getByRole("listitem")).toHaveCount(1);
  await expect(passkeyList(page)).toContainText("Test laptop");
  // The virtual authenticator now holds one discoverable credential for Lectern (rpId localhost).
  const held = await authenticator.credentials();
  expect(held).toHaveLength(1);
  expect(held[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });
  await checkPage(page, "passkeys", "account-with-passkey");

  // Rename it.
  await page.getByRole("button", { name: "Rename Test laptop" }).click();
  await page.getByLabel("New name for Test laptop").fill("My laptop");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(passkeyList(page)).toContainText("My laptop");

  await signOut(page);
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await checkPage(page, "passkeys", "sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  // Through the background step (/welcome), which passes a complete profile straight back to /account.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  // The passkey's session is listed like any other (signing out ended the password's session).
  const sessions = page.locator("ul.sessions").first().getByRole("listitem");
  await expect(sessions).toHaveCount(1);
  await expect(sessions.getByText("This device", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Remove My laptop" }).click();
  await expect(page.getByText("Passkey “My laptop” removed.")).toBeVisible();
  await expect(page.getByText("No passkeys yet.")).toBeVisible();

  // The device still holds the credential, but Lectern no longer knows it: refused, and said why.
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.locator('.notice[role="alert"]')).toContainText("This passkey is no longer linked to an account here");
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
});

test("sign-in with a passkey goes back to the book page the reader came from", async ({ page }) => {
  const email = `passkey-${randomUUID()}@example.org`;
  await virtualAuthenticator(page);
  await signUp(page, email);
  await page.getByLabel("Name for a new passkey").fill("Phone");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeyList(page)).toContainText("Phone");
  await signOut(page);

  await page.goto(`/sign-in?returnTo=${encodeURIComponent(`${bookUrl}/docs/sensing/sensors-and-motors-basics`)}`);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(`${bookUrl}/docs/sensing/sensors-and-motors-basics`);
});
