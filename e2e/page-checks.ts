import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

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
