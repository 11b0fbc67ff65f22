/**
 * What authors may see of a noisy count (DESIGN "Authors' insights", ADR-0029). Every rule here
 * works on counts that already carry noise (lib/insights/noise.ts): thresholds after the noise.
 */
export const minimumCount = 5;

/** A noisy count as authors may see it: the number, or null under five (zero and negatives included). */
export function shown(noisyCount: number): number | null {
  return noisyCount >= minimumCount ? noisyCount : null;
}

/** A row's total: a noisy count released with it, or "known" when authors can tell it otherwise (never hidden). */
export type RowTotal = number | "known";

/**
 * Noisy counts that split one total (the answers of a question, a query's readers on one track,
 * a section's answers): each under five is hidden; then, as the row and its total satisfy
 * total = Σ cells, the hidden members of that sum are made zero or at least two, hiding the
 * smallest shown cell (or the released total), so no hidden figure follows by subtraction.
 */
export function suppressRow<Key extends string>(
  cells: Record<Key, number>,
  total: RowTotal = "known",
): { cells: Record<Key, number | null>; total: number | null } {
  const entries = Object.entries(cells) as [Key, number][];
  const hidden = new Set(entries.filter(([, count]) => shown(count) === null).map(([key]) => key));
  let totalShown = total === "known" ? null : shown(total);
  const hiddenMembers = hidden.size + (total !== "known" && totalShown === null ? 1 : 0);
  if (hiddenMembers === 1) {
    const smallestShown = entries.filter(([key]) => !hidden.has(key)).sort((a, b) => a[1] - b[1])[0];
    if (smallestShown) hidden.add(smallestShown[0]);
    else totalShown = null;
  }
  return {
    cells: Object.fromEntries(entries.map(([key, count]) => [key, hidden.has(key) ? null : count])) as Record<Key, number | null>,
    total: totalShown,
  };
}

/** A share of two noisy counts, to two decimals, kept within 0..1; null when its noisy base is under five. */
export function shownRate(noisyPart: number, noisyWhole: number): number | null {
  if (shown(noisyWhole) === null) return null;
  return Math.round(Math.min(1, Math.max(0, noisyPart / noisyWhole)) * 100) / 100;
}
