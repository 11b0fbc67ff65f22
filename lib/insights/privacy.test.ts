import { describe, expect, it } from "vitest";
import { shown, shownRate, suppressRow } from "./privacy";

/** A seeded generator for random rows (mulberry32). */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe("the hiding rule, after the noise", () => {
  it("hides every noisy count under five, zero and negatives included", () => {
    expect([-3, 0, 1, 4, 5, 120].map(shown)).toEqual([null, null, null, null, 5, 120]);
  });

  it("hides the smallest other cell of a row when only one would be hidden, so subtraction from its total cannot reveal it", () => {
    expect(suppressRow({ none: 9, basic: 7, intermediate: 30, advanced: 1 }).cells).toEqual({ none: 9, basic: null, intermediate: 30, advanced: null });
  });

  it("leaves a row alone when two or more cells are hidden already, or none is", () => {
    expect(suppressRow({ beginner: 12, intermediate: 0, advanced: 1 }).cells).toEqual({ beginner: 12, intermediate: null, advanced: null });
    expect(suppressRow({ beginner: 12, intermediate: 5, advanced: 6 }).cells).toEqual({ beginner: 12, intermediate: 5, advanced: 6 });
  });

  it("treats a released total as a member of the row: a hidden total hides a cell, a lone hidden cell hides the total", () => {
    expect(suppressRow({ helpful: 6, not_helpful: 7 }, 3)).toEqual({ cells: { helpful: null, not_helpful: 7 }, total: null });
    expect(suppressRow({ only: 2 }, 40)).toEqual({ cells: { only: null }, total: null });
    expect(suppressRow({ a: 6, b: 7 }, 13)).toEqual({ cells: { a: 6, b: 7 }, total: 13 });
  });

  it("never leaves one hidden figure recoverable by subtraction: 20 000 random rows, with and without a released total", () => {
    const random = seeded(4);
    for (let row = 0; row < 20_000; row++) {
      const withTotal = random() < 0.5;
      // A row of one cell under a total authors know is that total: every row of a release has two cells or more.
      const size = (withTotal ? 1 : 2) + Math.floor(random() * 5);
      const cells = Object.fromEntries(Array.from({ length: size }, (_, index) => [`c${index}`, Math.floor(random() * 14) - 3]));
      const total = Object.values(cells).reduce((sum, value) => sum + value, 0) + Math.floor(random() * 7) - 3;
      const result = withTotal ? suppressRow(cells, total) : suppressRow(cells);
      const hiddenCells = Object.values(result.cells).filter((value) => value === null).length;
      // A total not released counts as known to the author (the conservative reading): never a hidden member.
      const hiddenMembers = hiddenCells + (withTotal && result.total === null ? 1 : 0);
      expect(hiddenMembers === 0 || hiddenMembers >= 2, JSON.stringify({ cells, total: withTotal ? total : "known", result })).toBe(true);
      // Whatever is shown is the noisy count itself, at least five.
      for (const [key, value] of Object.entries(result.cells)) if (value !== null) expect(value).toBe(cells[key]);
    }
  });

  it("gives a share only of a noisy base of five or more, to two decimals, kept within 0..1", () => {
    expect(shownRate(3, 4)).toBeNull();
    expect(shownRate(5, 7)).toBe(0.71);
    expect(shownRate(9, 7)).toBe(1);
    expect(shownRate(-2, 7)).toBe(0);
  });
});
