import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { backgroundQuestions, type Background } from "../lib/contract";
import { bookUrl, lecternUrl } from "../playwright.config";
import { chooseColorMode, contrastOf } from "./page-checks";

/**
 * The book (examples/docusaurus-book, built and served statically on its own origin) and Lectern
 * (npm start, another origin) in real Chromium: the reader's whole round trip between them.
 * Screenshots land in test-results/book/ for a human to look at.
 */
const chapterPage = "/docs/sensing/sensors-and-motors-basics";
const pageHeading = "Sensors and motors for beginners";
const password = "a long enough passphrase";

const expertEverywhere: Background = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" };
const newToEverything: Background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" };

async function shot(page: Page, name: string, { fullPage = true } = {}) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0)); // keeps the sticky navbar at the top of the image
  await page.screenshot({ path: `test-results/book/${name}.png`, fullPage });
}

/** A chapter's name as the book's sidebar shows it (its folder's _category_.json). */
function chapterLabel(docUrl: string): string {
  const folder = docUrl.split("/")[2]!;
  const file = path.join(import.meta.dirname, "..", "examples", "docusaurus-book", "docs", folder, "_category_.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { label: string }).label;
}

function panel(page: Page) {
  return page.getByTestId("for-you");
}

/** Waits for the "For you" panel to finish loading and returns its first result. */
async function firstRecommendation(page: Page) {
  await expect(panel(page).getByTestId("result").first()).toBeVisible();
  return panel(page).getByTestId("result").first();
}

test.describe("the book and its reader", () => {
  // One reader's story, in order: each step starts from where the last one left the account.
  // One browser for the whole story, as one reader would have (and no sign-in per step, which
  // would also run into Lectern's sign-in rate limit).
  test.describe.configure({ mode: "serial" });
  const email = `reader-${Date.now()}@example.org`;
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test("a guest reads the page, then sees unweighted recommendations and a sign-up prompt", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await expect(page.getByRole("heading", { level: 1, name: pageHeading })).toBeVisible();
    await expect(page.getByTestId("signup-prompt")).toBeVisible();
    await expect(panel(page).getByTestId("result").first()).toBeVisible();
    // Unweighted: no result claims to match a background the guest never gave.
    await expect(panel(page).getByTestId("reasons")).toHaveCount(0);
    const signUp = page.getByRole("navigation").getByRole("link", { name: "Sign up" });
    const returnTo = new URL((await signUp.getAttribute("href"))!).searchParams.get("returnTo");
    expect(returnTo).toBe(`${bookUrl}${chapterPage}`);
    await shot(page, "1-guest-desktop");
  });

  test("signing up on Lectern comes back to the same page, ranked for the background just chosen", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await page.getByRole("navigation").getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/sign-up`));
    await signUpOnLectern(page, email, expertEverywhere);

    await expect(page).toHaveURL(`${bookUrl}${chapterPage}`);
    await expect(page.getByTestId("reader-email")).toHaveText(email);
    await expect(page.getByTestId("ranked-for")).toContainText(
      "software experience “Expert”, programming background “Advanced”, hardware knowledge “Advanced”",
    );
    const first = await firstRecommendation(page);
    await expect(first.getByText("advanced", { exact: true })).toBeVisible();
    await expect(first.getByTestId("reasons")).toContainText('matches your "Advanced" hardware knowledge');
    await expect(page.getByTestId("signup-prompt")).toHaveCount(0);
    // The chapter panel recommends pages: each at most once, whatever number of sections ranked.
    const links = await panel(page)
      .getByTestId("result")
      .getByRole("link")
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThan(1);
    expect(new Set(links).size).toBe(links.length);
    await shot(page, "2-signed-up-expert");
  });

  test("asking the book searches the whole book, ranked for the reader", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await page.getByRole("searchbox", { name: "Search the book" }).fill("PID controller");
    await page.getByRole("button", { name: "Ask" }).click();
    const results = page.getByTestId("ask-results").getByTestId("result");
    await expect(results.first()).toBeVisible();
    await expect(results.first().getByRole("link")).toHaveAttribute("href", /\/docs\/control\//);
    await shot(page, "3-ask-the-book");
  });

  test("a background changed on Lectern's account page shows in the book on the next load", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await page.getByRole("navigation").getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/account`));
    await changeBackgroundOnLectern(page, newToEverything);

    // The account page links back to the book page the reader came from.
    await page.getByTestId("back-to-book").click();
    await expect(page).toHaveURL(`${bookUrl}${chapterPage}`);
    await expect(page.getByTestId("ranked-for")).toContainText("software experience “Beginner”, programming background “None”, hardware knowledge “None”");
    const first = await firstRecommendation(page);
    await expect(first.getByText("beginner", { exact: true })).toBeVisible();
    await expect(first.getByTestId("reasons")).toContainText('matches your "None" hardware knowledge');
    // The reader has spent long enough on this page for what they saw to count as read. ("For you" no longer lists
    // the page being read, so the mark is looked for where Lectern keeps it; the panel's marks are checked below.)
    await expect
      .poll(async () => (await (await page.request.get(`${lecternUrl}/api/v1/progress`)).json()).sections.map((row: { url: string }) => row.url), {
        timeout: 10_000,
      })
      .toContainEqual(expect.stringMatching(new RegExp(`^${chapterPage}(#|$)`)));
    await shot(page, "4-background-changed");
  });

  test("signing out in the book makes the reader a guest again, on this load and the next", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await expect(page.getByTestId("reader-email")).toHaveText(email);
    await page.getByRole("navigation").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("signup-prompt")).toBeVisible();

    await page.reload();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("reader-email")).toHaveCount(0);
    await expect(page.getByTestId("signup-prompt")).toBeVisible();
    // The session is over on Lectern too, not just forgotten by the book.
    const session = await page.request.get(`${lecternUrl}/api/auth/get-session`);
    expect(await session.json()).toBeNull();
    await shot(page, "5-signed-out");
  });

  test("signing in from the book comes back to the same page, as the reader", async () => {
    await page.goto(`${bookUrl}${chapterPage}`);
    await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/sign-in`));
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(`${bookUrl}${chapterPage}`);
    await expect(page.getByTestId("reader-email")).toHaveText(email);
    await expect(page.getByTestId("ranked-for")).toContainText("software experience “Beginner”, programming background “None”, hardware knowledge “None”");
  });
});

test.describe("the book without Lectern", () => {
  test("the page paints before Lectern answers, with the panel loading after it", async ({ page }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${lecternUrl}/**`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${bookUrl}${chapterPage}`);
    await expect(page.getByRole("heading", { level: 1, name: pageHeading })).toBeVisible();
    await expect(page.getByTestId("reader-panel-loading").first()).toBeVisible();
    await shot(page, "6-loading");
    release();
    await expect(page.getByTestId("signup-prompt")).toBeVisible();
  });

  test("when Lectern hangs, the client gives up and the panel fails quietly", async ({ page }) => {
    // Lectern accepts the connection and never answers; the book's client gives up after 4 s.
    await page.route(`${lecternUrl}/**`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      await route.abort("timedout").catch(() => {});
    });
    await page.goto(`${bookUrl}${chapterPage}`);
    await expect(page.getByRole("heading", { level: 1, name: pageHeading })).toBeVisible();
    await expect(page.getByTestId("reader-panel-loading").first()).toBeVisible();
    await expect(page.getByTestId("reader-panel-unavailable")).toBeVisible({ timeout: 7_000 });
  });

  test("with Lectern unreachable the page still reads and the panel fails quietly", async ({ page }) => {
    // Stopping the shared Lectern server mid-suite would break the journeys above, so Chromium is
    // made to refuse every connection to Lectern's origin: the same net::ERR_CONNECTION_REFUSED a
    // stopped server gives, seen by the same fetch in the book.
    const pageErrors: Error[] = [];
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.route(`${lecternUrl}/**`, (route) => route.abort("connectionrefused"));

    await page.goto(`${bookUrl}${chapterPage}`);
    await expect(page.getByRole("heading", { level: 1, name: pageHeading })).toBeVisible();
    await expect(page.getByTestId("reader-panel-unavailable")).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Sign in" })).toHaveCount(0);
    // The rest of the book still works: the sidebar navigates to the next doc.
    await page.getByRole("navigation", { name: "Docs sidebar" }).getByRole("link", { name: "Choosing motors and motor drivers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Choosing motors and motor drivers" })).toBeVisible();
    await expect(page.getByTestId("reader-panel-unavailable")).toBeVisible();
    expect(pageErrors).toEqual([]);
    await shot(page, "7-lectern-down");
  });

  test("on a phone the page and panel fit the screen and the account links sit in the menu", async ({ browser }) => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${bookUrl}${chapterPage}`);
    await expect(phone.getByTestId("signup-prompt")).toBeVisible();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, "8-phone-guest");
    await phone.getByRole("button", { name: /toggle navigation/i }).click();
    // On a doc page the menu opens on the docs sidebar; the reader's links are in the main menu.
    await phone.getByRole("button", { name: /back to main menu/i }).click();
    await expect(phone.locator(".navbar-sidebar").getByRole("link", { name: "Sign up" })).toBeInViewport();
    await expect(phone.locator(".navbar-sidebar").getByRole("link", { name: "Sign in" })).toBeInViewport();
    await phone.waitForTimeout(400); // the menu slides in; let it settle for the picture
    await shot(phone, "9-phone-menu", { fullPage: false });
    await phone.close();
  });
});

test.describe("the adaptive book: level blocks, reading progress, feedback", () => {
  // One beginner's story in order, in one browser (one sign-up).
  test.describe.configure({ mode: "serial" });
  const motorsPage = "/docs/sensing/choosing-motors-and-drivers";
  const pidPage = "/docs/control/tuning-pid-controllers";
  const firstProgram = "/docs/programming/first-robot-program";
  const advancedAside = /Advanced hardware aside on current control inside the driver, folded because your hardware background is beginner/;
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  const blocks = (on: Page) => on.getByTestId("for-level");
  /** The doc's own text (the For you panel may quote the same sentences in its snippets). */
  const doc = (on: Page) => on.locator("article .markdown");

  test("a guest (and a crawler) gets every level block open, in the static HTML too", async ({ request }) => {
    const html = await (await request.get(`${bookUrl}${motorsPage}`)).text();
    expect(html).toContain("A good driver closes a current loop");
    expect(html).toContain("Think of the driver as a tap");
    await page.goto(`${bookUrl}${motorsPage}`);
    await expect(page.getByTestId("signup-prompt")).toBeVisible();
    await expect(blocks(page)).toHaveCount(2);
    for (const block of await blocks(page).all()) await expect(block).toHaveAttribute("data-state", "open");
    await expect(doc(page).getByText("A good driver closes a current loop")).toBeVisible();
    await expect(page.getByTestId("show-every-level")).toHaveCount(0);
  });

  test("a guest's reading is kept in the browser and survives signing up", async () => {
    await page.goto(`${bookUrl}${firstProgram}`);
    // Two seconds in view (BOOK_READ_AFTER_SECONDS in playwright.config.ts) marks the sections on screen.
    await expect
      .poll(() => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem("lectern.guestProgress") ?? "{}"))), { timeout: 10_000 })
      .toContain(firstProgram);
    await page.getByRole("navigation").getByRole("link", { name: "Sign up" }).click();
    await signUpOnLectern(page, `beginner-${Date.now()}@example.org`, newToEverything);
    await expect(page).toHaveURL(`${bookUrl}${firstProgram}`);
    await expect(page.getByTestId("reader-email")).toBeVisible();
    // Back on the book after signing up, the page says that the book now adapts (once).
    await expect(page.getByTestId("adapts-notice")).toContainText("The book now adapts to your background");
    await expect
      .poll(async () => (await (await page.request.get(`${lecternUrl}/api/v1/progress`)).json()).sections.map((row: { url: string }) => row.url), {
        timeout: 10_000,
      })
      .toContain(firstProgram);
    await expect.poll(() => page.evaluate(() => localStorage.getItem("lectern.guestProgress"))).toBeNull();
  });

  test("a beginner sees the advanced block folded to one line saying why, and opens it with one click", async () => {
    await page.goto(`${bookUrl}${motorsPage}`);
    const advanced = page.locator('[data-testid="for-level"][data-level="advanced"]');
    const beginner = page.locator('[data-testid="for-level"][data-level="beginner"]');
    await expect(advanced).toHaveAttribute("data-state", "folded");
    await expect(advanced.getByRole("button", { name: advancedAside })).toBeVisible();
    await expect(doc(page).getByText("A good driver closes a current loop")).toHaveCount(0);
    await expect(beginner).toHaveAttribute("data-state", "open");
    await expect(doc(page).getByText("Think of the driver as a tap")).toBeVisible();
    await advanced.scrollIntoViewIfNeeded();
    await shot(page, "10-beginner-folded-block");
    await advanced.getByRole("button", { name: advancedAside }).click();
    await expect(advanced).toHaveAttribute("data-state", "open");
    await expect(doc(page).getByText("A good driver closes a current loop")).toBeVisible();
    await advanced.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/book/11-beginner-opened-block.png" });
  });

  test('"show every level" opens every block and sticks across pages and reloads', async () => {
    await page.goto(`${bookUrl}${motorsPage}`);
    const advanced = page.locator('[data-testid="for-level"][data-level="advanced"]');
    await expect(advanced).toHaveAttribute("data-state", "folded");
    await advanced.getByTestId("show-every-level").check();
    await expect(advanced).toHaveAttribute("data-state", "open");
    await page.goto(`${bookUrl}${pidPage}`);
    await expect(doc(page).getByText("Use a first-order low-pass filter on the derivative")).toBeVisible();
    await expect(page.locator('[data-testid="for-level"][data-level="advanced"]')).toHaveAttribute("data-state", "open");
    await page.reload();
    await expect(page.locator('[data-testid="for-level"][data-level="advanced"]')).toHaveAttribute("data-state", "open");
    await page.locator('[data-testid="for-level"][data-level="advanced"]').getByTestId("show-every-level").uncheck();
    await expect(page.locator('[data-testid="for-level"][data-level="advanced"]')).toHaveAttribute("data-state", "folded");
    await page.goto(`${bookUrl}${motorsPage}`);
    await expect(advanced).toHaveAttribute("data-state", "folded");
  });

  test('reading a section marks it in "For you", and "Continue where you left off" moves on as the reader reads', async () => {
    await page.goto(bookUrl);
    const continueLink = page.getByTestId("continue-reading").getByRole("link");
    await expect(continueLink).toBeVisible();
    const first = await continueLink.getAttribute("href");
    expect(first).not.toBe(firstProgram);
    // The link names where it goes, chapter first; a reader with progress is not offered "Start reading".
    await expect(continueLink).toContainText(`Continue ${chapterLabel(first!)} — `);
    await expect(page.getByTestId("start-reading")).toHaveCount(0);
    await shot(page, "12-continue-on-home");
    await continueLink.click();
    await expect(page).toHaveURL(`${bookUrl}${first}`);
    // Reading it: the sections on screen count as read after 2 s; Lectern then continues elsewhere.
    await expect.poll(async () => (await (await page.request.get(`${lecternUrl}/api/v1/progress`)).json()).continue?.url, { timeout: 15_000 }).not.toBe(first);
    await page.goto(bookUrl);
    await expect(continueLink).toBeVisible();
    expect(await continueLink.getAttribute("href")).not.toBe(first);

    // Lectern's account page offers the same place to continue, on the book.
    await page.goto(`${lecternUrl}/account`);
    await expect(page.getByTestId("continue-reading").getByRole("link")).toHaveAttribute("href", new RegExp(`^${bookUrl}/docs/`));
    await page.screenshot({ path: "test-results/book/12b-continue-on-account.png" });

    // The chapter panel marks what the reader has read.
    await page.goto(`${bookUrl}/docs/programming/ros2-nodes-and-topics`);
    const readEntry = panel(page)
      .getByTestId("result")
      .filter({ has: page.locator(`a[href^="${firstProgram}"]`) });
    // ✓ read when its recommended section was read; "started" when only the page's opening was.
    await expect(readEntry.getByTestId(/^(read|started)-mark$/)).toBeVisible();
    await readEntry.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/book/13-read-mark-in-for-you.png" });
  });

  test('"Was this helpful?" takes an answer with a reason and a comment, and the answer can be changed', async () => {
    await page.goto(`${bookUrl}${motorsPage}`);
    const feedback = page.getByTestId("feedback");
    await feedback.getByRole("button", { name: "No" }).click();
    await feedback.getByRole("radio", { name: "Too hard for me" }).check();
    await feedback.getByLabel(/Anything else/).fill("Lost me at back-EMF.");
    await feedback.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/book/14-feedback-why.png" });
    await feedback.getByRole("button", { name: "Send" }).click();
    await expect(feedback.getByTestId("feedback-answered")).toContainText("You told the authors: too hard for me.");
    await page.reload();
    await expect(page.getByTestId("feedback-answered")).toContainText("too hard for me");
    await page.getByTestId("feedback").getByRole("button", { name: "Change your answer" }).click();
    await page.getByTestId("feedback").getByRole("button", { name: "Yes" }).click();
    await expect(page.getByTestId("feedback-answered")).toContainText("You found this page helpful.");
  });

  test('"Was this helpful?" reads in light and dark mode, on a desktop and a phone', async () => {
    await page.goto(`${bookUrl}${pidPage}`);
    for (const viewport of [
      { width: 1366, height: 900, name: "desktop" },
      { width: 390, height: 844, name: "phone" },
    ]) {
      await page.setViewportSize(viewport);
      for (const mode of ["light", "dark"] as const) {
        await chooseColorMode(page, mode);
        const feedback = page.getByTestId("feedback");
        for (const answer of ["Yes", "No"]) {
          const button = feedback.getByRole("button", { name: answer, exact: true });
          await expect(button).toBeVisible();
          expect(await contrastOf(button), `"${answer}" in ${mode} mode`).toBeGreaterThanOrEqual(4.5);
        }
        await page.evaluate(() => window.scrollTo(0, 0)); // the reload restores the scroll position; the picture is of the top
        await shot(page, `18-doc-${mode}-${viewport.name}`, { fullPage: false });
        await feedback.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/book/18-feedback-${mode}-${viewport.name}.png` });
      }
    }
    await chooseColorMode(page, "light");
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test("on a phone the folded block, its switch and the feedback fit the screen", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${bookUrl}${motorsPage}`);
    const advanced = phone.locator('[data-testid="for-level"][data-level="advanced"]');
    await expect(advanced).toHaveAttribute("data-state", "folded");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await advanced.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: "test-results/book/15-phone-folded-block.png" });
    await phone.getByTestId("feedback").scrollIntoViewIfNeeded();
    await phone.screenshot({ path: "test-results/book/16-phone-feedback.png" });
    await phone.close();
  });
});

test('a guest\'s home page starts the book: "Start reading" to its first page, no Continue', async ({ page }) => {
  await page.goto(bookUrl);
  await expect(page.getByTestId("start-reading")).toHaveText("Start reading");
  await expect(page.getByTestId("start-reading")).toHaveAttribute("href", "/docs/foundations/what-is-physical-ai");
  await expect(page.getByTestId("continue-reading")).toHaveCount(0);
});

test.describe("the book's order", () => {
  test('"Continue where you left off" follows the sidebar: after chapter 1 it offers chapter 2\'s first page', async ({ page, request }) => {
    // A reader who has read every section of chapter 1 (marked through the API with their bearer token).
    const readerEmail = `in-order-${Date.now()}@example.org`;
    const signUp = await request.post(`${lecternUrl}/api/v1/auth/signup`, { data: { email: readerEmail, password, background: newToEverything } });
    expect(signUp.status()).toBe(201);
    const token = (await signUp.json()).session_token as string;
    const chapterOne = (await (await request.get(`${lecternUrl}/api/v1/personalize?chapter=foundations&limit=50`)).json()).results.flatMap(
      (result: { url: string; also?: { url: string }[] }) => [result.url, ...(result.also ?? []).map((other) => other.url)],
    );
    expect(chapterOne.length).toBeGreaterThan(3);
    const at = new Date().toISOString();
    const marked = await request.put(`${lecternUrl}/api/v1/progress`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { sections: chapterOne.map((url: string) => ({ url, state: "read", at })) },
    });
    expect(marked.status()).toBe(200);

    // Signed in on the book, the home page offers chapter 2's first page ("Sensors and Actuators", position 2),
    // not the alphabetically next chapter ("humanoids", the book's chapter 5).
    await page.goto(bookUrl);
    await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/sign-in`));
    // Typed before the form hydrates, the values are reset by React: wait for the page to settle first.
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Email").fill(readerEmail);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${bookUrl}`));
    await expect(page.getByTestId("reader-email")).toHaveText(readerEmail);
    await page.goto(bookUrl);
    const continueLink = page.getByTestId("continue-reading").getByRole("link");
    await expect(continueLink).toHaveAttribute("href", /^\/docs\/sensing\/sensors-and-motors-basics(#.*)?$/);
    await shot(page, "17-continue-follows-the-sidebar");
  });
});

// Lectern's pages, driven as a reader would: by their labels.
async function signUpOnLectern(page: Page, email: string, background: Background) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await chooseBackground(page, background);
  await page.getByRole("button", { name: /sign up|create account/i }).click();
}

async function changeBackgroundOnLectern(page: Page, background: Background) {
  await chooseBackground(page, background);
  await page.getByRole("button", { name: "Save background" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

async function chooseBackground(page: Page, background: Background) {
  for (const [field, answer] of Object.entries(background) as [keyof Background, string][]) {
    const label = answer[0]!.toUpperCase() + answer.slice(1);
    await page
      .getByRole("group", { name: backgroundQuestions[field].question })
      .getByRole("radio", { name: new RegExp(`^${label}\\b`) })
      .check();
  }
}
