import Translate from "@docusaurus/Translate";
import { useLecternSession } from "@lectern/client/react";
import { useReader, withLecternRoot } from "@lectern/theme";
import { useEffect, useState } from "react";
import styles from "./styles.module.css";

const seenKey = (readerId: string) => `lectern.adaptsNoticeSeen:${readerId}`;

/**
 * Once per reader and browser, the first doc page after signing up (or signing in here) says
 * that the book now adapts, and how: level blocks fold, "For you" ranks the chapter.
 */
function LecternAdaptsNotice() {
  const session = useLecternSession();
  const { levels } = useReader();
  const readerId = session.status === "signed-in" ? session.session.reader.id : null;
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!readerId || levels.status !== "levels") return;
    try {
      if (window.localStorage.getItem(seenKey(readerId))) return;
      window.localStorage.setItem(seenKey(readerId), new Date().toISOString());
    } catch {
      return;
    }
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the reader is known only once the session settles
    setShown(true);
  }, [readerId, levels.status]);

  if (!shown) return null;
  return (
    <div className={styles.notice} role="status" data-testid="adapts-notice">
      <p className={styles.text}>
        <Translate id="lectern.adapts.text">
          The book now adapts to your background: asides written for other levels fold to one line (one click opens them), and “For you” ranks each chapter for
          you, with the reasons.
        </Translate>
      </p>
      <button type="button" className={styles.dismiss} onClick={() => setShown(false)}>
        <Translate id="lectern.adapts.dismiss">Got it</Translate>
      </button>
    </div>
  );
}

export default withLecternRoot(LecternAdaptsNotice);
