/**
 * The hiding rule of DESIGN "Authors' insights": a count under five is never shown, so no
 * figure can be traced to one reader (ADR-0021).
 */
export const minimumCount = 5;

/** A count as authors may see it: the number, or null when fewer than five readers are behind it. */
export function shown(count: number): number | null {
  return count >= minimumCount ? count : null;
}

/**
 * Counts that split one known total (the readers of a question, of a query on one track): each
 * under five is hidden, and when exactly one would be hidden the smallest shown one goes too,
 * or the hidden one would follow by subtraction from the total.
 */
export function shownPartition<Key extends string>(counts: Record<Key, number>): Record<Key, number | null> {
  const entries = Object.entries(counts) as [Key, number][];
  const hidden = new Set(entries.filter(([, count]) => count < minimumCount).map(([key]) => key));
  if (hidden.size === 1 && entries.length > 1) {
    const smallestShown = entries.filter(([key]) => !hidden.has(key)).sort((a, b) => a[1] - b[1])[0];
    if (smallestShown) hidden.add(smallestShown[0]);
  }
  return Object.fromEntries(entries.map(([key, count]) => [key, hidden.has(key) ? null : count])) as Record<Key, number | null>;
}

/** A share of at least five readers, to two decimals; null below that. */
export function shownRate(part: number, whole: number): number | null {
  return whole >= minimumCount ? Math.round((part / whole) * 100) / 100 : null;
}
