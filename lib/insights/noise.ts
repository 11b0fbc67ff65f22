import { randomFillSync } from "node:crypto";

/**
 * The mechanism of insights releases (ADR-0029): the two-sided geometric ("discrete Laplace")
 * distribution, P(k) ∝ α^|k| with α = e^(−1/scale). Adding it with scale Δ/ε to counts that one
 * reader changes by at most Δ in total (L1) makes them ε-differentially private for that reader.
 */

/** A uniform draw in (0, 1]; production draws come from node:crypto, tests may inject a seeded one. */
export type Uniform = () => number;

const pool = Buffer.alloc(8 * 1024);
let offset = pool.length;

/** 53 random bits from the operating system's CSPRNG, as (n + 1) / 2^53: never 0, so its logarithm is finite. */
export const cryptoUniform: Uniform = () => {
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const high = pool.readUInt32BE(offset) >>> 11; // 21 bits
  const low = pool.readUInt32BE(offset + 4); // 32 bits
  offset += 8;
  return (high * 2 ** 32 + low + 1) / 2 ** 53;
};

/** α of the two-sided geometric distribution with this scale (the Laplace scale b = Δ/ε). */
export const alphaOf = (scale: number) => Math.exp(-1 / scale);

/** One draw: the difference of two geometric draws on {0, 1, …} with P(G ≥ k) = α^k (inverse transform). */
export function twoSidedGeometric(scale: number, uniform: Uniform = cryptoUniform): number {
  const logAlpha = -1 / scale;
  const geometric = () => Math.floor(Math.log(uniform()) / logAlpha);
  return geometric() - geometric();
}

/** A count with noise of this scale added. */
export function noisy(count: number, scale: number, uniform: Uniform = cryptoUniform): number {
  return count + twoSidedGeometric(scale, uniform);
}

/**
 * The noisy count a row keyed by readers' own words (a query's text) must reach to be listed:
 * a text only one reader wrote clears it with probability at most δ (P(noise ≥ k) = α^k / (1 + α)).
 */
export function selectionThreshold(scale: number, delta: number, floor: number): number {
  const alpha = alphaOf(scale);
  const noiseNeeded = Math.ceil(Math.log(delta * (1 + alpha)) / Math.log(alpha));
  return Math.max(floor, 1 + noiseNeeded);
}
