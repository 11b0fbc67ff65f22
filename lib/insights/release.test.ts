import { describe, expect, it } from "vitest";
import { insightsFiguresSchema } from "@/lib/contract";
import type { Counts, MeasuredFigures, MeasuredSection } from "./measure";
import { alphaOf } from "./noise";
import { minimumCount } from "./privacy";
import { releaseFigures, sensitivity } from "./release";

/** True figures of a small book: what lib/insights/measure.ts reads from the database. */
function measured(overrides: Partial<MeasuredFigures> = {}): MeasuredFigures {
  return {
    readers: {
      total: 500,
      byAnswer: {
        software_experience: { beginner: 200, intermediate: 250, expert: 50 },
        programming_background: { none: 100, basic: 150, intermediate: 150, advanced: 100 },
        hardware_knowledge: { none: 300, basic: 100, intermediate: 60, advanced: 40 },
      },
    },
    searches: { total: 3000, queries: [] },
    feedback: [],
    chapters: [{ chapter: "basics", started: 300, finished: 120 }],
    success: {
      signupSecondsBins: Array.from({ length: 61 }, (_, bin) => (bin === 4 ? 400 : bin === 9 ? 100 : 0)),
      signInReaders: 400,
      signInSucceeded: 360,
      complete: 450,
    },
    ...overrides,
  };
}
const noCohorts = async (queries: string[]) => new Map<string, Counts>(queries.map((query) => [query, {}]));

describe("a release", () => {
  it("adds noise whose spread matches the stated ε: 3000 releases of the same figures at ε = 1 (crypto RNG, generous bounds)", async () => {
    const epsilon = 1;
    const differences: number[] = [];
    for (let release = 0; release < 3000; release++) {
      const figures = await releaseFigures(measured(), { epsilon, queryCohorts: noCohorts });
      differences.push(figures.readers.total! - 500);
    }
    // The readers' total has Δ = 4 in its group, so its noise is two-sided geometric with α = e^(−ε/4).
    const alpha = alphaOf(sensitivity.readers / epsilon);
    const zeroShare = differences.filter((difference) => difference === 0).length / differences.length;
    expect(zeroShare).toBeGreaterThan((1 - alpha) / (1 + alpha) - 0.04);
    expect(zeroShare).toBeLessThan((1 - alpha) / (1 + alpha) + 0.04);
    const meanDistance = differences.reduce((sum, difference) => sum + Math.abs(difference), 0) / differences.length;
    expect(meanDistance).toBeGreaterThan((2 * alpha) / (1 - alpha ** 2) - 0.6);
    expect(meanDistance).toBeLessThan((2 * alpha) / (1 - alpha ** 2) + 0.6);
    expect(Math.abs(differences.reduce((sum, difference) => sum + difference, 0) / differences.length)).toBeLessThan(0.5);
  });

  it("never lists a query one reader asked (δ = 10⁻⁶), and lists a weak one many readers asked", async () => {
    const queries = [
      { query: "my own secret question", readers: 1, searches: 3, averageSum: 0 },
      { query: "gearbox backlash", readers: 400, searches: 1100, averageSum: 400 },
      { query: "well answered", readers: 400, searches: 1100, averageSum: 400 * 6 },
    ];
    for (let release = 0; release < 500; release++) {
      const { searches } = await releaseFigures(measured({ searches: { total: 3000, queries } }), { epsilon: 1, queryCohorts: noCohorts });
      expect(searches.weak.map((row) => row.query)).toEqual(["gearbox backlash"]);
      expect(searches.weak[0]!.readers).toBeGreaterThanOrEqual(minimumCount);
      expect(searches.weak[0]!.avg_results).toBeLessThan(3);
    }
  });

  it("lists a section of the book on its noisy number of answers, and follows DESIGN's shape with every count null or five and up", async () => {
    const feedback: MeasuredSection[] = [
      { url: "/docs/a", title: "A", helpful: 200, notHelpful: 90, reasons: { too_hard: { "hardware:beginner": 60, "hardware:advanced": 1 } } },
      { url: "/docs/quiet", title: "Quiet", helpful: 0, notHelpful: 0, reasons: {} },
    ];
    let quietListed = 0;
    for (let release = 0; release < 600; release++) {
      const { feedback: listed } = await releaseFigures(measured({ feedback }), { epsilon: 1, queryCohorts: noCohorts });
      expect(listed[0]!.url).toBe("/docs/a");
      if (listed.some((section) => section.url === "/docs/quiet")) quietListed += 1;
    }
    // No cut on a true count decides the listing: a section nobody answered shows now and then, with noise only.
    expect(quietListed).toBeGreaterThan(0);
    expect(quietListed).toBeLessThan(200);
    const figures = await releaseFigures(measured({ feedback }), { epsilon: 1, queryCohorts: noCohorts });
    expect(insightsFiguresSchema.parse(figures)).toEqual(figures);
    const tooHard = figures.feedback.find((section) => section.url === "/docs/a")!.reasons.too_hard;
    // Two of hardware's three levels are near zero: hidden, with the third hidden too or shown, never one alone.
    expect(["hardware:beginner", "hardware:intermediate", "hardware:advanced"].filter((key) => tooHard[key as keyof typeof tooHard] === null).length).not.toBe(
      1,
    );
  });

  it("coarsens the median sign-up time to a 10-second bin and takes shares of noisy counts", async () => {
    const { success } = await releaseFigures(measured(), { epsilon: 1, queryCohorts: noCohorts });
    expect(success.signup_seconds_median).toBe(45);
    expect(success.first_signin_success_rate).toBeGreaterThan(0.8);
    expect(success.first_signin_success_rate).toBeLessThan(1);
    expect(success.background_completion_rate).toBeGreaterThan(0.8);
  });
});
