import Translate, { translate } from "@docusaurus/Translate";
import { useLecternClient, useLecternSession } from "@lectern/client/react";
import { useCurrentPageUrl, withLecternRoot } from "@lectern/theme";
import type { ReactNode } from "react";
import styles from "./styles.module.css";

type Props = { mobile?: boolean; className?: string };

type Entry = { key: string; node: ReactNode };

/**
 * The reader in the navbar: their email, a link to their Lectern account and sign-out; or, for a
 * guest, Sign in / Sign up links to Lectern that come back to this page. Nothing while the session
 * loads or when Lectern cannot be reached: the book reads the same either way. In the phone
 * drawer each entry is a menu link like the book's own.
 */
function LecternReaderNavbarItem({ mobile = false, className }: Props) {
  const client = useLecternClient();
  const session = useLecternSession();
  const here = useCurrentPageUrl();

  if (session.status === "loading" || session.status === "unavailable") {
    return mobile ? null : <span className={styles.placeholder} aria-hidden="true" />;
  }

  const linkClass = mobile ? "menu__link" : styles.link;
  const signOut = () => void session.signOut();
  const entries: Entry[] =
    session.status === "signed-in"
      ? [
          {
            key: "email",
            node: (
              <span className={mobile ? `menu__link ${styles.mobileReader}` : styles.reader} title={session.session.reader.email} data-testid="reader-email">
                {session.session.reader.email}
              </span>
            ),
          },
          {
            key: "account",
            node: (
              <a className={linkClass} href={client.accountUrl(here)}>
                <Translate id="lectern.navbar.account">Account</Translate>
              </a>
            ),
          },
          {
            key: "sign-out",
            node: (
              <button type="button" className={`${linkClass} ${styles.button}`} onClick={signOut}>
                <Translate id="lectern.navbar.signOut">Sign out</Translate>
              </button>
            ),
          },
        ]
      : [
          {
            key: "sign-in",
            node: (
              <a className={linkClass} href={client.signInUrl(here)}>
                <Translate id="lectern.navbar.signIn">Sign in</Translate>
              </a>
            ),
          },
          {
            key: "sign-up",
            node: (
              <a className={mobile ? "menu__link" : `${styles.link} ${styles.signUp}`} href={client.signUpUrl(here)}>
                <Translate id="lectern.navbar.signUp">Sign up</Translate>
              </a>
            ),
          },
        ];

  const label = translate({ id: "lectern.navbar.label", message: "Your Lectern account" });
  if (mobile) {
    // Items of the drawer's own menu list, like the book's links (the first one draws the separator).
    return (
      <>
        {entries.map((entry, index) => (
          <li key={entry.key} className={["menu__list-item", index === 0 ? styles.mobileFirst : undefined, className].filter(Boolean).join(" ")}>
            {entry.node}
          </li>
        ))}
      </>
    );
  }
  return (
    <div className={[styles.desktop, className].filter(Boolean).join(" ")} aria-label={label} role="group">
      {entries.map((entry) => (
        <span key={entry.key} className={styles.entry}>
          {entry.node}
        </span>
      ))}
    </div>
  );
}

export default withLecternRoot(LecternReaderNavbarItem);
