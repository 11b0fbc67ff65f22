import Translate, { translate } from "@docusaurus/Translate";
import { useLecternSession } from "@lectern/client/react";
import { useReader, withLecternRoot } from "@lectern/theme";
import styles from "./styles.module.css";

type Props = { placement: "toc" | "top" };

/**
 * A compact way to "For you" and "Ask the book" near the top of a doc (the panel itself is under
 * the doc): in the table of contents' column on wide screens, above the doc on phones. Links only;
 * the panel asks Lectern once.
 */
function LecternForYouEntry({ placement }: Props) {
  const session = useLecternSession();
  const { levels } = useReader();
  const ranked = session.status === "signed-in" && levels.status === "levels";
  const label = translate({ id: "lectern.entry.label", message: "For you" });
  return (
    <nav className={placement === "toc" ? styles.toc : styles.top} aria-label={label} data-testid={`for-you-entry-${placement}`}>
      <p className={styles.title}>
        <Translate id="lectern.entry.title">For you</Translate>
      </p>
      <p className={styles.text}>
        {ranked ? (
          <Translate id="lectern.entry.ranked">This chapter, ranked for your background, with the reasons.</Translate>
        ) : (
          <Translate id="lectern.entry.guest">What to read next in this chapter, and a search of the book.</Translate>
        )}
      </p>
      <p className={styles.links}>
        <a href="#lectern-for-you">
          <Translate id="lectern.entry.forYouLink">See what to read next</Translate>
          <span aria-hidden="true"> ↓</span>
        </a>
        <a href="#ask-the-book-input">
          <Translate id="lectern.entry.askLink">Ask the book</Translate>
          <span aria-hidden="true"> ↓</span>
        </a>
      </p>
    </nav>
  );
}

export default withLecternRoot(LecternForYouEntry);
