/**
 * Postgres's `english` text-search stop words (tsearch_data/english.stop, the Snowball list).
 * A query made only of these parses to nothing in Postgres, which then ranks by the boosts
 * alone; Qdrant's BM25 (its own, longer list) would return nothing, so the Qdrant engine asks
 * for the same no-text ranking instead.
 */
const postgresEnglishStopWords = new Set(
  "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now".split(
    " ",
  ),
);

/** True when the text has words and all of them are stop words, as Postgres's parser splits them. */
export function isOnlyStopWords(text: string): boolean {
  // The embedded engine reads the first 32 words only (postgres-engine.ts).
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu)
      ?.slice(0, 32) ?? [];
  return words.length > 0 && words.every((word) => postgresEnglishStopWords.has(word));
}
