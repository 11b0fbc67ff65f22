import Link from "@docusaurus/Link";
import Translate from "@docusaurus/Translate";
import { useChapterOf, useReader, withLecternRoot } from "@lectern/theme";
import type { ReactNode } from "react";
import styles from "./styles.module.css";

type Props = {
  /** Where a reader without progress starts (e.g. the first doc): then this shows "Start reading" there. */
  startUrl?: string;
  /** The start link's words, when "Start reading" is not what the book says. */
  startLabel?: ReactNode;
  className?: string;
};

/**
 * "Continue where you left off": the next unread section at the reader's level after the one
 * read last (Lectern's GET /api/v1/progress), naming its chapter. With `startUrl`, a reader with no
 * progress yet (and every guest, and the static page) gets "Start reading" there instead, so one
 * button on the home page says the right thing. Its own colours: readable on any hero banner.
 */
function LecternContinueReading({ startUrl, startLabel, className }: Props) {
  const { continueReading } = useReader();
  const chapter = useChapterOf(continueReading?.url);
  const classes = [styles.continue, className].filter(Boolean).join(" ");
  if (!continueReading) {
    if (!startUrl) return null;
    return (
      <div className={classes}>
        <Link className={styles.action} to={startUrl} data-testid="start-reading">
          {startLabel ?? <Translate id="lectern.continue.start">Start reading</Translate>}
        </Link>
      </div>
    );
  }
  return (
    <div className={classes} data-testid="continue-reading">
      <Link className={styles.action} to={continueReading.url} data-testid="continue-link">
        <span className={styles.verb}>
          <Translate id="lectern.continue.action">Continue</Translate>
        </span>{" "}
        <span className={styles.where}>
          {chapter ? (
            <Translate id="lectern.continue.inChapter" values={{ chapter, title: continueReading.title }}>
              {"{chapter} — {title}"}
            </Translate>
          ) : (
            continueReading.title
          )}
        </span>
      </Link>
      <span className={styles.label}>
        <Translate id="lectern.continue.label">where you left off</Translate>
      </span>
    </div>
  );
}

export default withLecternRoot(LecternContinueReading);
