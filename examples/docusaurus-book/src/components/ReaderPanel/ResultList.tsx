import Link from "@docusaurus/Link";
import type { PersonalizedResult } from "@lectern/client";
import styles from "./styles.module.css";

/** Lectern's ranked chunks: where to read, at what level, and why it was ranked there. */
export default function ResultList({ results, emptyText, testId }: { results: PersonalizedResult[]; emptyText: string; testId: string }) {
  if (results.length === 0) return <p className={styles.quiet}>{emptyText}</p>;
  return (
    <ol className={styles.results} data-testid={testId}>
      {results.map((result) => (
        <li key={result.id} className={styles.result} data-testid="result">
          <Link to={result.url} className={styles.resultTitle}>
            {result.section && result.section !== result.title ? `${result.title} — ${result.section}` : result.title}
          </Link>
          <span className={styles.badges}>
            <span className={styles.badge} data-level={result.level}>
              {result.level}
            </span>
            {result.tracks.map((track) => (
              <span key={track} className={styles.track}>
                {track}
              </span>
            ))}
          </span>
          {result.snippet && <p className={styles.snippet}>{result.snippet}</p>}
          {result.reasons.length > 0 && (
            <ul className={styles.reasons} aria-label="Why this is here" data-testid="reasons">
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
