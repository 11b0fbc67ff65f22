import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * What every Lectern page must pass (issue 26): photographed in light and dark mode at desktop
 * (1366×900) and phone (390×844) size for a human to look at, axe-core with no serious or critical
 * violation in either mode, and no sideways scrolling on a phone.
 */
export const viewports = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const schemes = ["light", "dark"] as const;
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate, not a <script> tag: the page's CSP stays exactly as readers get it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

export async function checkPage(page: Page, folder: string, name: string) {
  const original = page.viewportSize();
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, size] of Object.entries(viewports)) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(test.info().project.outputDir, folder, `${name}-${label}-${scheme}.png`), fullPage: true });
      if (label === "phone") {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} scrolls ${overflow}px sideways on a phone`).toBeLessThanOrEqual(0);
      }
    }
    expect(await seriousViolations(page), `axe on ${name} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (original) await page.setViewportSize(original);
}

/** WCAG contrast of an element's text against what is painted behind it (the nearest ancestor with a background). */
export async function contrastOf(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    let background = [255, 255, 255];
    for (let at: Element | null = node; at; at = at.parentElement) {
      const [r, g, b, a = 1] = rgba(getComputedStyle(at).backgroundColor);
      if (a > 0.5) {
        background = [r!, g!, b!];
        break;
      }
    }
    const text = rgba(getComputedStyle(node).color);
    const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  });
}

/** Docusaurus keeps the chosen colour mode in localStorage ("theme"); a reload applies it. */
export async function chooseColorMode(page: Page, mode: "light" | "dark") {
  await page.evaluate((chosen) => localStorage.setItem("theme", chosen), mode);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", mode);
}
