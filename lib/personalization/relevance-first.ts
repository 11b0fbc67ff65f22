/**
 * Relevance first (ADR-0031): a reader's background reorders answers of similar relevance, but the
 * best answer to a query, the one a guest sees first, stays within every reader's top three.
 * Both engines rank by relevance × boosts and then apply this to their ranked window.
 */
export const bestAnswerPlaces = 3;

/** Moves the chunk `bestId` up to the last of the top places when the boosts pushed it below them; the rest keep their order. */
export function keepBestAnswerNearTop<T extends { id: string | number }>(ranked: T[], bestId: string | null): T[] {
  if (bestId === null) return ranked;
  const at = ranked.findIndex((chunk) => String(chunk.id) === bestId);
  if (at < bestAnswerPlaces) return ranked;
  const rest = ranked.filter((_, index) => index !== at);
  return [...rest.slice(0, bestAnswerPlaces - 1), ranked[at]!, ...rest.slice(bestAnswerPlaces - 1)];
}
