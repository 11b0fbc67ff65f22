import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { bookUrl, oidcIssuer, schoolDomain } from "../playwright.config";

/**
 * School sign-in in Chromium: the email first, the school's own sign-in page (the test OpenID Provider,
 * testing/oidc-provider-server.ts, registered by `npm run admin -- sso add` before Lectern started),
 * and back to Lectern's background step (/welcome) with the book's page to return to.
 */
test("email first → the school's sign-in page → back to the background step", async ({ page }) => {
  const email = `student-${randomUUID()}@${schoolDomain}`;
  const chapter = `${bookUrl}/docs/intro`;
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(chapter)}`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // Another address keeps the password; the school's address trades it for the school's sign-in.
  await page.getByLabel("Email").fill("someone@example.org");
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await expect(page.getByText("Your school signs you in")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  // A school's address that also has a Lectern password can still use it.
  await page.getByRole("button", { name: "Use a Lectern password instead" }).click();
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await page.reload();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue with your school" }).click();

  // The school's page (the provider's own), the address already filled in from the login hint.
  await page.waitForURL((url) => url.origin === oidcIssuer);
  await expect(page.getByPlaceholder("Enter any login")).toHaveValue(email);
  await page.getByPlaceholder("and password").fill("the school's password");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await page.waitForURL((url) => url.pathname === "/welcome");
  expect(new URL(page.url()).searchParams.get("return_to")).toBe(chapter);
  await expect(page.getByRole("heading", { name: /^Welcome to / })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});

test("a school sign-in that comes back wrong says so on the sign-in page", async ({ page }) => {
  // A callback with a state Lectern never issued (a replayed or forged link).
  await page.goto("/api/auth/sso/callback/school-e2e?code=forged&state=never-issued");
  await page.waitForURL((url) => url.pathname === "/sign-in");
  await expect(page.locator('.notice[role="alert"]')).toHaveText("That sign-in link was already used or has expired. Please start again.");
});

test("a school that does not vouch for the address never opens the password account that has it", async ({ page, request }) => {
  // The test provider marks logins starting "unverified" with email_verified=false.
  const email = `unverified-${randomUUID()}@${schoolDomain}`;
  const background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };
  const signUp = await request.post("/api/v1/auth/signup", { data: { email, password: "a lectern password of mine", background } });
  expect(signUp.status()).toBe(201);

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue with your school" }).click();
  await page.waitForURL((url) => url.origin === oidcIssuer);
  await page.getByPlaceholder("and password").fill("the school's password");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await page.waitForURL((url) => url.pathname === "/sign-in");
  await expect(page.locator('.notice[role="alert"]')).toContainText("An account with this email exists already.");
  // No session began: the account page sends the visitor to sign in.
  await page.goto("/account");
  await page.waitForURL((url) => url.pathname === "/sign-in");
});
