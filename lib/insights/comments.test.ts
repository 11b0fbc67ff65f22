import { describe, expect, it } from "vitest";
import { randomizedLevel, scrubComment, trueLevelChance } from "./comments";

describe("scrubComment", () => {
  it("removes emails, links, phone numbers and @handles, and keeps the rest of the words", () => {
    expect(scrubComment("ask a.b+c@uni.edu or @ada_l, www.ada.dev/x, (020) 7946-0958")).toBe(
      "ask [email removed] or [handle removed], [link removed], [number removed]",
    );
  });

  it("keeps short numbers: section numbers, versions, years", () => {
    expect(scrubComment("Section 3.4.1 in 2026 with v1.2.3 and 10 ms")).toBe("Section 3.4.1 in 2026 with v1.2.3 and 10 ms");
  });
});

describe("randomizedLevel", () => {
  it("keeps the reader's level with the chance e^ε/(e^ε+2), else another level evenly", () => {
    expect(trueLevelChance(1)).toBeCloseTo(Math.E / (Math.E + 2), 10);
    const shown: Record<string, number> = { beginner: 0, intermediate: 0, advanced: 0 };
    const steps = 100;
    for (let keep = 0; keep < steps; keep++) {
      for (let other = 0; other < steps; other++) shown[randomizedLevel("beginner", 1, [(keep + 0.5) / steps, (other + 0.5) / steps])]! += 1;
    }
    const total = steps * steps;
    expect(shown.beginner! / total).toBeCloseTo(0.58, 2);
    expect(shown.intermediate! / total).toBeCloseTo(0.21, 2);
    expect(shown.advanced! / total).toBeCloseTo(0.21, 2);
  });
});
