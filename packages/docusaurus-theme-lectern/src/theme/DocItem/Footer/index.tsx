import BrowserOnly from "@docusaurus/BrowserOnly";
import Link from "@docusaurus/Link";
import { useDoc } from "@docusaurus/plugin-content-docs/client";
import Translate from "@docusaurus/Translate";
import type { WrapperProps } from "@docusaurus/types";
import { DocReadingTracker, pagePath, useLecternThemeConfig, usePersonalizedVersion } from "@lectern/theme";
import Footer from "@theme-init/DocItem/Footer";
import type FooterType from "@theme/DocItem/Footer";
import LecternFeedback from "@theme/LecternFeedback";
import LecternReaderPanel, { ReaderPanelLoading } from "@theme/LecternReaderPanel";
import styles from "./styles.module.css";

type Props = WrapperProps<typeof FooterType>;

/**
 * Every doc page ends with "Was this helpful?" and the reader's panel, and tracks what is read.
 * All browser-only: the static page ships and paints first, and Lectern is asked afterwards.
 * On a docs version Lectern does not index, the panel would link into the indexed one: it says so
 * and links to this page in that version instead.
 */
export default function FooterWrapper(props: Props) {
  const { forYou, feedback } = useLecternThemeConfig();
  const { metadata } = useDoc();
  const version = usePersonalizedVersion();
  // Lectern's chapter id: the doc id's first segment (its top folder; Docusaurus already dropped number prefixes).
  const chapter = metadata.id.split("/")[0];
  return (
    <>
      {version.personalized && <BrowserOnly>{() => <DocReadingTracker />}</BrowserOnly>}
      {feedback && version.personalized && <BrowserOnly>{() => <LecternFeedback url={pagePath(metadata.permalink)} />}</BrowserOnly>}
      {forYou && version.personalized && <BrowserOnly fallback={<ReaderPanelLoading />}>{() => <LecternReaderPanel chapter={chapter} />}</BrowserOnly>}
      {forYou && !version.personalized && (
        <p className={styles.otherVersion} data-testid="for-you-other-version">
          <Translate
            id="lectern.version.notPersonalized"
            values={{
              version: version.label,
              link: (
                <Link to={version.path}>
                  <Translate id="lectern.version.readThere" values={{ version: version.label }}>
                    {"this page in version {version}"}
                  </Translate>
                </Link>
              ),
            }}
          >
            {"“For you”, “Ask the book” and reading progress follow version {version} of these docs. Read {link} for them."}
          </Translate>
        </p>
      )}
      <Footer {...props} />
    </>
  );
}
