import { expect, test, type Page } from "@playwright/test";
import type { Background } from "../lib/contract";
import { bookUrl, lecternUrl } from "../playwright.config";
import { chooseColorMode, contrastOf } from "./page-checks";

/**
 * The theme's layout where other people's books broke it (issue 26, point 13): the signed-in
 * navbar between the phone menu and a wide screen (1000–1100 px) keeps the site's title in sight,
 * and "Continue" stays readable on a dark hero banner. The sample book's home page has no banner,
 * so the test gives it Infima's own hero classes (`hero hero--dark`, `hero hero--primary`), as the
 * classic template's home page has them. Screenshots land in test-results/theme-layout/.
 */
const password = "a long enough passphrase";
const background: Background = { software_experience: "beginner", programming_background: "basic", hardware_knowledge: "none" };
const docPage = "/docs/foundations/what-is-physical-ai";

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.describe("the theme in the book's layout", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;

  test.beforeAll(async ({ browser, request }) => {
    // A reader with one section read, so the home page says "Continue" (marked through the API with the sign-up's bearer token).
    const email = `layout-${Date.now()}@example.org`;
    const signUp = await request.post(`${lecternUrl}/api/v1/auth/signup`, { data: { email, password, background } });
    expect(signUp.status()).toBe(201);
    const token = (await signUp.json()).session_token as string;
    const marked = await request.put(`${lecternUrl}/api/v1/progress`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { sections: [{ url: docPage, state: "read", at: new Date().toISOString() }] },
    });
    expect(marked.status()).toBe(200);

    page = await (await browser.newContext()).newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(bookUrl);
    await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`^${lecternUrl}/sign-in`));
    await page.waitForLoadState("networkidle"); // typed before the form hydrates, the values are reset by React
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${bookUrl}`));
    await expect(page.getByTestId("reader-email")).toHaveText(email);
  });

  test.afterAll(async () => {
    await page.context().close();
  });

  for (const title of ["Physical AI", "Physical AI: a hands-on course in robots that learn"]) {
    test(`at 1000–1100 px the signed-in navbar keeps the site title "${title}" in sight`, async () => {
      await page.goto(`${bookUrl}${docPage}`);
      const navbar = page.locator(".navbar");
      const brandTitle = navbar.locator(".navbar__title");
      // A longer title, as other people's books have, written into the built page (the sample book's is short).
      await brandTitle.evaluate((node, text) => (node.textContent = text), title);
      for (const width of [1000, 1024, 1050, 1100]) {
        await page.setViewportSize({ width, height: 800 });
        const account = navbar.getByRole("link", { name: "Account" });
        await expect(account, `the Account link at ${width} px`).toBeVisible();
        await expect(brandTitle, `the title at ${width} px`).toBeVisible();
        const titleBox = (await brandTitle.boundingBox())!;
        // In sight: inside the window, at least its first word wide, and nothing of the reader's links on top of it.
        expect(titleBox.x, `the title's left edge at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(titleBox.x + titleBox.width, `the title's right edge at ${width} px`).toBeLessThanOrEqual(width);
        const firstWordWidth = await brandTitle.evaluate((node) => {
          const range = document.createRange();
          const text = node.firstChild!;
          range.setStart(text, 0);
          range.setEnd(
            text,
            Math.min(text.textContent!.indexOf(" ") === -1 ? text.textContent!.length : text.textContent!.indexOf(" "), text.textContent!.length),
          );
          return range.getBoundingClientRect().width;
        });
        expect(titleBox.width, `the title's width at ${width} px`).toBeGreaterThanOrEqual(firstWordWidth - 1);
        for (const link of [account, navbar.getByRole("button", { name: "Sign out" })]) {
          const box = await link.boundingBox();
          if (box) expect(overlaps(titleBox, box), `the title under a reader's link at ${width} px`).toBe(false);
        }
        // The navbar itself does not scroll sideways, so nothing sits out of sight to the right either.
        const overflow = await navbar.locator(".navbar__inner").evaluate((node) => node.scrollWidth - node.clientWidth);
        expect(overflow, `the navbar overflows at ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: `test-results/theme-layout/navbar-${title.length > 20 ? "long" : "short"}-title-${width}.png`,
          clip: { x: 0, y: 0, width, height: 80 },
        });
      }
      await page.setViewportSize({ width: 1366, height: 900 });
    });
  }

  for (const hero of ["hero--dark", "hero--primary"]) {
    test(`"Continue" is readable on a ${hero} banner in light and dark mode`, async () => {
      await page.goto(bookUrl);
      for (const mode of ["light", "dark"] as const) {
        await chooseColorMode(page, mode);
        const banner = page.locator("main").first();
        // As the classic template's home page has it: <header class="hero hero--primary"><div class="container">…</div></header>.
        await banner.evaluate((node, variant) => {
          const container = document.createElement("div");
          container.className = "container";
          container.append(...node.childNodes);
          node.append(container);
          node.classList.add("hero", variant);
        }, hero);
        // The banner is painted (its own background, not the page's), as Infima's hero classes paint it.
        const painted = await banner.evaluate((node) => [getComputedStyle(node).backgroundColor, getComputedStyle(document.body).backgroundColor]);
        expect(painted[0], `the ${hero} banner's background`).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
        expect(painted[0], `the ${hero} banner's background`).not.toBe(painted[1]);
        const link = page.getByTestId("continue-link");
        await expect(link).toBeVisible();
        await expect(link).toContainText("Continue");
        for (const [name, part] of [
          ["the verb", link.locator("span").first()],
          ["where", link.locator("span").nth(1)],
          ["the label", page.getByTestId("continue-reading").getByText("where you left off")],
        ] as const) {
          expect(await contrastOf(part), `${name} of Continue on ${hero} in ${mode} mode`).toBeGreaterThanOrEqual(4.5);
        }
        await page.screenshot({ path: `test-results/theme-layout/continue-${hero}-${mode}.png` });
      }
      await chooseColorMode(page, "light");
    });
  }
});
