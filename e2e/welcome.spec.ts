import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { bookUrl, lecternUrl } from "../playwright.config";
import { checkPage } from "./page-checks";

/**
 * The background step (/welcome) in Chromium, with the sample book on its own origin. A reader whose account began
 * without a background (as school sign-in, social sign-in and passkeys leave it) is made through Better Auth's own
 * sign-up endpoint, which stores no background: the book prompts them, the step asks the sign-up's three questions once
 * and returns to the page they were reading; afterwards the step passes them straight through. Photographs and axe
 * (page-checks.ts) land in test-results/welcome/.
 */
const chapterPage = "/docs/sensing/sensors-and-motors-basics";
const password = "a passphrase for the welcome step";

/** A Better Auth account and session with no background, its cookie in this browser context. */
async function signInWithoutBackground(context: BrowserContext): Promise<string> {
  const email = `welcome-${randomUUID()}@example.org`;
  const answer = await context.request.post(`${lecternUrl}/api/auth/sign-up/email`, {
    data: { email, password, name: "" },
    headers: { origin: lecternUrl },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  return email;
}

function question(page: Page, text: RegExp) {
  return page.getByRole("group", { name: text });
}

test.describe("the background step", () => {
  test("a reader without a background is prompted by the book, answers once on /welcome and is back on the page, ranked", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const email = await signInWithoutBackground(context);

    // The book ranks as for a guest and says why, linking to the step with this page to come back to.
    await page.goto(`${bookUrl}${chapterPage}`);
    const prompt = page.getByTestId("background-prompt");
    await expect(prompt).toBeVisible();
    await expect(page.getByTestId("ranked-for")).toHaveCount(0);
    await prompt.getByRole("link").click();

    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/welcome\\?`));
    await expect(page.getByRole("heading", { level: 1, name: /^Welcome to / })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await checkPage(page, "welcome", "welcome");

    // Nothing chosen: the form's own errors, one per question, focus on the first.
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText("Choose one answer.")).toHaveCount(3);
    await expect(
      question(page, /software have you built/)
        .getByRole("radio")
        .first(),
    ).toBeFocused();
    await checkPage(page, "welcome", "welcome-errors");

    await question(page, /software have you built/)
      .getByRole("radio", { name: /^Expert/ })
      .check();
    await question(page, /how well do you program/i)
      .getByRole("radio", { name: /^Advanced/ })
      .check();
    await question(page, /know hardware/)
      .getByRole("radio", { name: /^Advanced/ })
      .check();
    await page.getByRole("button", { name: "Save and continue" }).click();

    await expect(page).toHaveURL(`${bookUrl}${chapterPage}`);
    await expect(page.getByTestId("ranked-for")).toContainText(
      "software experience “Expert”, programming background “Advanced”, hardware knowledge “Advanced”",
    );
    await expect(page.getByTestId("background-prompt")).toHaveCount(0);

    // Answered: every later sign-in may be sent through the step, and passes straight on.
    await page.goto(`${lecternUrl}/welcome?return_to=${encodeURIComponent(`${bookUrl}${chapterPage}`)}`);
    await expect(page).toHaveURL(`${bookUrl}${chapterPage}`);
    // A return_to on a foreign origin is never followed.
    await page.goto(`${lecternUrl}/welcome?return_to=${encodeURIComponent("https://evil.example/phish")}`);
    await expect(page).toHaveURL(`${lecternUrl}/account`);
    await context.close();
  });

  test("a signed-out visitor signs in first and is brought back to the step", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const returnTo = `${bookUrl}${chapterPage}`;
    await page.goto(`${lecternUrl}/welcome?return_to=${encodeURIComponent(returnTo)}`);
    await expect(page).toHaveURL(`${lecternUrl}/sign-in?returnTo=${encodeURIComponent(`/welcome?return_to=${encodeURIComponent(returnTo)}`)}`);
    await context.close();
  });
});
