import { useLecternClient, useLecternSession } from "@lectern/client/react";

import { useCurrentPageUrl } from "@lectern/theme";
import styles from "./styles.module.css";

type Props = { mobile?: boolean; className?: string };

/**
 * The reader in the navbar: their email, a link to their Lectern account and sign-out; or, for a
 * guest, Sign in / Sign up links to Lectern that come back to this page. Nothing while the session
 * loads or when Lectern cannot be reached: the book reads the same either way.
 */
export default function LecternReaderNavbarItem({ mobile = false, className }: Props) {
  const client = useLecternClient();
  const session = useLecternSession();
  const here = useCurrentPageUrl();

  if (session.status === "loading" || session.status === "unavailable") {
    return mobile ? null : <span className={styles.placeholder} aria-hidden="true" />;
  }

  const links =
    session.status === "signed-in" ? (
      <>
        <span className={styles.reader} title={session.session.reader.email} data-testid="reader-email">
          {session.session.reader.email}
        </span>
        <a className={styles.link} href={client.accountUrl(here)}>
          Account
        </a>
        <button type="button" className={`${styles.link} ${styles.button}`} onClick={() => void session.signOut()}>
          Sign out
        </button>
      </>
    ) : (
      <>
        <a className={styles.link} href={client.signInUrl(here)}>
          Sign in
        </a>
        <a className={`button button--primary button--sm ${styles.signUp}`} href={client.signUpUrl(here)}>
          Sign up
        </a>
      </>
    );

  return (
    <div className={[mobile ? styles.mobile : styles.desktop, className].filter(Boolean).join(" ")} aria-label="Your Lectern account" role="group">
      {links}
    </div>
  );
}
