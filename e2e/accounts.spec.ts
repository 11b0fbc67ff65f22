import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { bookUrl } from "../playwright.config";
import { checkPage } from "./page-checks";

/**
 * The reader's account journey in Chromium: sign up with the three background questions,
 * land on the account page, change the background, sign out, sign in again. Every page is
 * photographed in light and dark mode at desktop and phone width (test-results/accounts/) and checked with axe (page-checks.ts).
 */
async function photograph(page: Page, name: string) {
  await checkPage(page, "accounts", name);
}

/** The page's own alert (Next adds an empty route announcer with role alert too). */
function formAlert(page: Page) {
  return page.locator('.notice[role="alert"]');
}

function question(page: Page, text: RegExp) {
  return page.getByRole("group", { name: text });
}

test("sign up → account → change background → sign out → sign in", async ({ page }) => {
  const email = `reader-${randomUUID()}@example.org`;
  const password = "a sentence for a password";

  await page.goto("/sign-up?returnTo=/account");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await photograph(page, "sign-up");

  // Submitting nothing shows an inline error on every field and moves focus to the first.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use 8 to 128 characters.")).toBeVisible();
  await expect(page.getByText("Choose one answer.")).toHaveCount(3);
  await expect(page.getByLabel("Email")).toBeFocused();
  await photograph(page, "sign-up-errors");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await question(page, /software have you built/)
    .getByRole("radio", { name: /^Beginner/ })
    .check();
  await question(page, /how well do you program/i)
    .getByRole("radio", { name: /^Basic/ })
    .check();
  await question(page, /know hardware/)
    .getByRole("radio", { name: /^None/ })
    .check();
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(question(page, /know hardware/).getByRole("radio", { name: /^None/ })).toBeChecked();
  await expect(page.getByText("This device")).toBeVisible();
  await photograph(page, "account");

  // Change one answer; it survives a reload (read from the database, not a cache).
  await question(page, /know hardware/)
    .getByRole("radio", { name: /^Intermediate/ })
    .check();
  await page.getByRole("button", { name: "Save background" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await page.reload();
  await expect(question(page, /know hardware/).getByRole("radio", { name: /^Intermediate/ })).toBeChecked();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?returnTo=(%2F|\/)account$/);
  await photograph(page, "sign-in");

  // A wrong password is refused in plain words; the keyboard (Enter) submits.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByLabel("Password").press("Enter");
  await expect(formAlert(page)).toHaveText("The email or password is not correct.");
  await photograph(page, "sign-in-error");

  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/account$/);
  await expect(question(page, /know hardware/).getByRole("radio", { name: /^Intermediate/ })).toBeChecked();
  await expect(question(page, /software have you built/).getByRole("radio", { name: /^Beginner/ })).toBeChecked();
});

test("password pages render and explain themselves", async ({ page }) => {
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await photograph(page, "forgot-password");
  await page.getByLabel("Email").fill(`nobody-${randomUUID()}@example.org`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("a reset link is on its way");
  await photograph(page, "forgot-password-sent");

  await page.goto("/reset-password");
  await expect(formAlert(page)).toContainText("needs the link from your reset mail");
  await page.goto("/reset-password?token=not-a-real-token");
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("The new password again").fill("a brand new password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(formAlert(page)).toContainText("invalid, used or expired");
  await photograph(page, "reset-password-invalid");
});

test("a returnTo outside Lectern and the book is ignored", async ({ page }) => {
  await page.goto("/sign-up?returnTo=https://evil.example/phish");
  await page.getByLabel("Email").fill(`reader-${randomUUID()}@example.org`);
  await page.getByLabel("Password").fill("a sentence for a password");
  for (const [group, answer] of [
    [/software have you built/, /^Expert/],
    [/how well do you program/i, /^Advanced/],
    [/know hardware/, /^Basic/],
  ] as const) {
    await question(page, group).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/account\?welcome=1$/);
  await expect(page.getByText("Welcome! Your account is ready")).toBeVisible();
});

test("an account created without a background is asked for it first", async ({ page }) => {
  // Better Auth's own sign-up endpoint knows nothing of the background.
  const response = await page.request.post("/api/auth/sign-up/email", {
    data: { email: `reader-${randomUUID()}@example.org`, password: "a sentence for a password", name: "" },
  });
  expect(response.ok()).toBe(true);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "First, tell us your background" })).toBeVisible();
  await expect(page.getByText("Your profile is not complete.")).toBeVisible();
  await photograph(page, "account-incomplete");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Choose one answer.")).toHaveCount(3);
  for (const [group, answer] of [
    [/software have you built/, /^Intermediate/],
    [/how well do you program/i, /^None/],
    [/know hardware/, /^Advanced/],
  ] as const) {
    await question(page, group).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { name: "Your background" })).toBeVisible();
  await page.reload();
  await expect(question(page, /know hardware/).getByRole("radio", { name: /^Advanced/ })).toBeChecked();
});

async function signUpThroughPage(page: Page, email: string, password: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  for (const [group, answer] of [
    [/software have you built/, /^Intermediate/],
    [/how well do you program/i, /^Basic/],
    [/know hardware/, /^Basic/],
  ] as const) {
    await question(page, group).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account/);
}

async function signInThroughPage(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test("revoking a session from the account page signs that device out at once", async ({ page, browser }) => {
  const email = `reader-${randomUUID()}@example.org`;
  const password = "a sentence for a password";
  await signUpThroughPage(page, email, password);
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signInThroughPage(other, email, password);

  await page.reload();
  // The accessible name starts with the visible "End session" (axe: label-content-name-mismatch) and says which device.
  const otherSession = page.getByRole("button", { name: /^End session on / });
  await expect(otherSession).toHaveCount(1);
  await photograph(page, "account-two-sessions");
  await otherSession.click();
  // The button reads "Ending…" while the revoke is in flight: wait for the list without that row, then for the server's list.
  await expect(page.locator(".sessions li")).toHaveCount(1);
  await page.reload();
  await expect(otherSession).toHaveCount(0);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in/);

  // Sign out everywhere ends this device too.
  await signInThroughPage(other, email, password);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
  await other.goto("/account");
  await expect(other).toHaveURL(/\/sign-in/);
  await otherDevice.close();
});

test("Download my data saves the reader's own data as a JSON file", async ({ page }) => {
  const email = `reader-${randomUUID()}@example.org`;
  await signUpThroughPage(page, email, "a sentence for a password");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^lectern-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(document.account.email).toBe(email);
  expect(document.profile).toMatchObject({ profile_completed: true, background: { software_experience: "intermediate" } });
  expect(document.sessions).toHaveLength(1);
});

test("deleting the account needs the password and then the account is gone", async ({ page }) => {
  const email = `reader-${randomUUID()}@example.org`;
  const password = "a sentence for a password";
  await signUpThroughPage(page, email, password);
  await page.getByLabel("Your password, to confirm").fill("not my password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.locator("#password-error")).toHaveText("The password is not correct.");
  await page.getByLabel("Your password, to confirm").fill(password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByText("Your account is deleted.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(formAlert(page)).toHaveText("The email or password is not correct.");
});

test("the book's sign-out link asks once, ends the session and returns to the book", async ({ page }) => {
  const bookPage = `${bookUrl}/docs/sensing/sensors-and-motors-basics`;
  await page.goto(`/sign-up?returnTo=/account`);
  await page.getByLabel("Email").fill(`reader-${randomUUID()}@example.org`);
  await page.getByLabel("Password").fill("a sentence for a password");
  for (const [group, answer] of [
    [/software have you built/, /^Beginner/],
    [/how well do you program/i, /^None/],
    [/know hardware/, /^None/],
  ] as const) {
    await question(page, group).getByRole("radio", { name: answer }).check();
  }
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^Signed in as/)).toBeVisible();

  await page.goto(`/sign-out?returnTo=${encodeURIComponent(bookPage)}`);
  await expect(page.getByRole("heading", { name: "Sign out?" })).toBeVisible();
  await photograph(page, "sign-out");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(bookPage);

  // Lectern no longer knows the reader; a second visit just says so.
  await page.goto(`/sign-out?returnTo=${encodeURIComponent(bookPage)}`);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: /^← Back to / })).toHaveAttribute("href", bookPage);
  await photograph(page, "signed-out");
});

test("changing the password: common ones refused, old errors cleared, success confirmed on the page", async ({ page }) => {
  const email = `reader-${randomUUID()}@example.org`;
  const password = "a sentence for a password";
  await signUpThroughPage(page, email, password);
  await page.goto("/account");
  const newPassword = page.getByLabel("New password", { exact: true });

  // The show-password toggle shows what was typed, and hides it again.
  await newPassword.fill("password");
  const toggle = page.locator("#newPassword + button");
  await expect(toggle).toHaveAccessibleName("Show password");
  await toggle.click();
  await expect(newPassword).toHaveAttribute("type", "text");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(newPassword).toHaveAttribute("type", "password");

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("The new password again").fill("password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#newPassword-error")).toHaveText(/too common/);

  // Corrected: the old error goes as soon as the form is sent, and the page confirms where the reader is.
  await newPassword.fill("another sentence for a password");
  await page.getByLabel("The new password again").fill("another sentence for a password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#newPassword-error")).toHaveCount(0);
  await expect(page.getByText("Password changed. Your other devices are signed out.")).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByText("Active now")).toBeVisible();
  await photograph(page, "account-password-changed");
});

test("sign-up refuses a common password in plain words", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`reader-${randomUUID()}@example.org`);
  await page.getByLabel("Password").fill("iloveyou");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText(/too common/);
});

test("every page carries the book and a way on; the 404 is styled; api-docs fits a phone", async ({ page }) => {
  await page.goto("/");
  // The book's name, logo and a permanent way back, on every page (here, the front door).
  const back = page.getByTestId("header-back-to-book");
  await expect(back).toHaveAttribute("href", `${bookUrl}/`);
  await expect(back).toContainText("← Back to Physical AI & Humanoid Robotics");
  await expect(page.locator("link[rel~='icon']")).toHaveAttribute("href", /book-logo\.svg/);
  // Readers are not offered the API on the front door; developers find it in the footer.
  await expect(page.locator("main").getByText("API documentation")).toHaveCount(0);
  await expect(page.locator("footer").getByRole("link", { name: /API documentation/ })).toBeVisible();
  await photograph(page, "home");

  // Dark mode follows the system, from CSS alone.
  await page.emulateMedia({ colorScheme: "dark" });
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).not.toBe("rgb(244, 246, 249)");
  await page.emulateMedia({ colorScheme: "light" });

  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: /^← Back to / })).toHaveAttribute("href", `${bookUrl}/`);
  await photograph(page, "not-found");

  await page.goto("/api-docs");
  await photograph(page, "api-docs");

  // Signed in, the front door speaks to a reader, not to a newcomer.
  await signUpThroughPage(page, `reader-${randomUUID()}@example.org`, "a sentence for a password");
  await page.goto("/");
  await expect(page.locator("main")).not.toContainText("Sign up");
  await expect(page.locator("main").getByRole("link", { name: "Your account" })).toBeVisible();
  await photograph(page, "home-signed-in");
});
