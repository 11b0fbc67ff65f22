import Link from "@docusaurus/Link";
import { useLocation } from "@docusaurus/router";
import Translate from "@docusaurus/Translate";
import type { PersonalizedResult } from "@lectern/client";
import { levelName, reasonsInWords, trackName, useReader } from "@lectern/theme";
import styles from "./styles.module.css";

type Props = {
  results: PersonalizedResult[];
  /** "page": one entry per doc (its best section for the reader); "section": each ranked section. Both link to the section. */
  by: "page" | "section";
  emptyText: string;
  testId: string;
};

/**
 * Lectern's ranked results: where to read, at what level, and why it was ranked there. Each entry
 * names and links the section it recommends, so its level chip is that section's level, the same
 * for every reader (a page's chip changed with the section ranked best for each reader: issue 26).
 */
export default function ResultList({ results, by, emptyText, testId }: Props) {
  const { pathname } = useLocation();
  const { readUrls } = useReader();
  if (results.length === 0) return <p className={styles.quiet}>{emptyText}</p>;
  const labelOf = (result: PersonalizedResult) => (result.section && result.section !== result.title ? `${result.title} — ${result.section}` : result.title);
  // Two pages with one name ("Learning Outcomes" in two chapters) must not look like one: name their chapters.
  const repeated = new Set(results.map(labelOf).filter((label, index, labels) => labels.indexOf(label) !== index));
  return (
    <ol className={styles.results} data-testid={testId}>
      {results.map((result) => {
        const page = result.url.split("#")[0]!;
        // Lectern says for a reader; a guest's marks are kept in this browser.
        const read = Boolean(result.read) || readUrls.has(result.url);
        // A page whose opening is read but whose recommended section is not: begun, not done.
        const started = !read && by === "page" && readUrls.has(page);
        return (
          <li key={result.id} className={styles.result} data-testid="result">
            <Link to={result.url} className={styles.resultTitle}>
              {repeated.has(labelOf(result)) ? `${labelOf(result)} (${result.chapter})` : labelOf(result)}
            </Link>
            <span className={styles.badges}>
              <span className={styles.badge} data-level={result.level}>
                {levelName(result.level)}
              </span>
              {result.tracks.map((track) => (
                <span key={track} className={styles.track}>
                  {trackName(track)}
                </span>
              ))}
              {page === pathname.replace(/\/$/, "") && (
                <span className={styles.here}>
                  <Translate id="lectern.result.thisPage">this page</Translate>
                </span>
              )}
              {read && (
                <span className={styles.read} data-testid="read-mark">
                  <span aria-hidden="true">✓ </span>
                  <Translate id="lectern.result.read">read</Translate>
                </span>
              )}
              {started && (
                <span className={styles.started} data-testid="started-mark">
                  <Translate id="lectern.result.started">started</Translate>
                </span>
              )}
            </span>
            {result.snippet && <p className={styles.snippet}>{result.snippet}</p>}
            {result.reasons.length > 0 && (
              <p className={styles.why}>
                <span className={styles.whyLabel}>
                  <Translate id="lectern.result.why">Why:</Translate>{" "}
                </span>
                <span data-testid="reasons">{reasonsInWords(result).join("; ")}</span>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
