import { describe, expect, it } from "vitest";
import { shown, shownPartition, shownRate } from "./privacy";

describe("the hiding rule", () => {
  it("hides every count under five, zero included", () => {
    expect([0, 1, 4, 5, 120].map(shown)).toEqual([null, null, null, 5, 120]);
  });

  it("hides the smallest other count of a split when only one would be hidden, so subtraction cannot reveal it", () => {
    expect(shownPartition({ none: 9, basic: 7, intermediate: 30, advanced: 1 })).toEqual({
      none: 9,
      basic: null,
      intermediate: 30,
      advanced: null,
    });
  });

  it("leaves a split alone when two or more counts are hidden already, or none is", () => {
    expect(shownPartition({ beginner: 12, intermediate: 0, advanced: 1 })).toEqual({ beginner: 12, intermediate: null, advanced: null });
    expect(shownPartition({ beginner: 12, intermediate: 5, advanced: 6 })).toEqual({ beginner: 12, intermediate: 5, advanced: 6 });
  });

  it("gives a share only of five readers or more, to two decimals", () => {
    expect(shownRate(3, 4)).toBeNull();
    expect(shownRate(2, 3)).toBeNull();
    expect(shownRate(5, 7)).toBe(0.71);
  });
});
