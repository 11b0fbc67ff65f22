import { describe, expect, it } from "vitest";
import { parseEnvironment } from "@/lib/config";
import { periodStartOf } from "./releases";

describe("the release schedule", () => {
  it("releases daily with ε = 1 by default", () => {
    expect(parseEnvironment({})).toMatchObject({ INSIGHTS_RELEASE_HOURS: 24, INSIGHTS_EPSILON: 1 });
    expect(parseEnvironment({ INSIGHTS_RELEASE_HOURS: "6", INSIGHTS_EPSILON: "0.5" })).toMatchObject({ INSIGHTS_RELEASE_HOURS: 6, INSIGHTS_EPSILON: 0.5 });
  });

  it("refuses, in one line naming the variable, releases more often than hourly and an ε that is no number above 0", () => {
    for (const hours of ["0", "0.5", "-1", "daily"])
      expect(() => parseEnvironment({ INSIGHTS_RELEASE_HOURS: hours })).toThrow(/^Invalid configuration: INSIGHTS_RELEASE_HOURS: [^\n]+$/);
    for (const epsilon of ["0", "-1", "lots", "1000"])
      expect(() => parseEnvironment({ INSIGHTS_EPSILON: epsilon })).toThrow(/^Invalid configuration: INSIGHTS_EPSILON: [^\n]+$/);
  });

  it("cuts time into periods from the Unix epoch, so every instance agrees on the current one", () => {
    expect(periodStartOf(new Date("2026-12-07T04:30:00Z"), 24).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(periodStartOf(new Date("2026-12-07T04:30:00Z"), 6).toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(periodStartOf(new Date("2026-12-07T06:00:00Z"), 6).toISOString()).toBe("2026-12-07T06:00:00.000Z");
    expect(periodStartOf(new Date("2026-12-07T04:59:59Z"), 1).toISOString()).toBe("2026-12-07T04:00:00.000Z");
  });
});
