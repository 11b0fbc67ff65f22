import Link from "@docusaurus/Link";
import { useReader } from "@lectern/theme";
import styles from "./styles.module.css";

/**
 * "Continue where you left off": the next unread section at the reader's level after the one
 * read last (Lectern's GET /api/v1/progress). Nothing for guests or before any reading. Put it
 * on the book's home page (or anywhere): `import LecternContinueReading from "@theme/LecternContinueReading"`.
 */
export default function LecternContinueReading() {
  const { continueReading } = useReader();
  if (!continueReading) return null;
  return (
    <p className={styles.continue} data-testid="continue-reading">
      <span className={styles.label}>Continue where you left off:</span> <Link to={continueReading.url}>{continueReading.title}</Link>
    </p>
  );
}
