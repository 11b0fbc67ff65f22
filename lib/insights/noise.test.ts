import { describe, expect, it } from "vitest";
import { alphaOf, cryptoUniform, selectionThreshold, twoSidedGeometric, type Uniform } from "./noise";

/** A seeded generator (mulberry32), only so this test's draws repeat; production draws come from node:crypto. */
function seeded(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 2 ** 32;
  };
}

const draws = (count: number, scale: number, uniform: Uniform) => Array.from({ length: count }, () => twoSidedGeometric(scale, uniform));

describe("the two-sided geometric mechanism", () => {
  it("draws P(k) = (1 − α)/(1 + α) · α^|k| (seeded: 200 000 draws at scale 4, each of k = −4..4 within 1.5 points)", () => {
    const scale = 4;
    const alpha = alphaOf(scale);
    const sample = draws(200_000, scale, seeded(21));
    for (let k = -4; k <= 4; k++) {
      const observed = sample.filter((value) => value === k).length / sample.length;
      const expected = ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(k);
      expect(Math.abs(observed - expected), `P(${k})`).toBeLessThan(0.015);
    }
    // Symmetric, centred on zero: the mean of 200 000 draws (standard deviation ≈ 5.6) is within 0.1 of 0.
    expect(Math.abs(sample.reduce((sum, value) => sum + value, 0) / sample.length)).toBeLessThan(0.1);
  });

  it("spreads as its ε says: neighbouring counts are e^(1/scale) as likely as each other", () => {
    const scale = 2;
    const sample = draws(200_000, scale, seeded(7));
    const p = (k: number) => sample.filter((value) => value === k).length;
    for (const k of [0, 1, 2]) expect(p(k) / p(k + 1)).toBeCloseTo(Math.exp(1 / scale), 0);
  });

  it("draws from node:crypto in (0, 1], never 0 (a log of it stays finite)", () => {
    const values = Array.from({ length: 5000 }, cryptoUniform);
    expect(values.every((value) => value > 0 && value <= 1)).toBe(true);
    expect(new Set(values).size).toBe(values.length);
    expect(Math.abs(values.reduce((sum, value) => sum + value, 0) / values.length - 0.5)).toBeLessThan(0.02);
  });

  it("sets the bar for a reader-written key so that a text one reader wrote clears it with probability at most δ", () => {
    const scale = 2;
    const threshold = selectionThreshold(scale, 1e-6, 5);
    const alpha = alphaOf(scale);
    // A lone reader's text is listed when 1 + noise ≥ threshold.
    expect(alpha ** (threshold - 1) / (1 + alpha)).toBeLessThanOrEqual(1e-6);
    expect(alpha ** (threshold - 2) / (1 + alpha)).toBeGreaterThan(1e-6);
    expect(selectionThreshold(0.01, 1e-6, 5)).toBe(5);
  });
});
