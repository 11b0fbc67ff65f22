import BrowserOnly from "@docusaurus/BrowserOnly";
import { useDoc } from "@docusaurus/plugin-content-docs/client";
import type { WrapperProps } from "@docusaurus/types";
import { DocReadingTracker, pagePath, useLecternThemeConfig } from "@lectern/theme";
import Footer from "@theme-init/DocItem/Footer";
import type FooterType from "@theme/DocItem/Footer";
import LecternFeedback from "@theme/LecternFeedback";
import LecternReaderPanel, { ReaderPanelLoading } from "@theme/LecternReaderPanel";

type Props = WrapperProps<typeof FooterType>;

/**
 * Every doc page ends with "Was this helpful?" and the reader's panel, and tracks what is read.
 * All browser-only: the static page ships and paints first, and Lectern is asked afterwards.
 */
export default function FooterWrapper(props: Props) {
  const { forYou, feedback } = useLecternThemeConfig();
  const { metadata } = useDoc();
  // Lectern's chapter id: the doc id's first segment (its top folder; Docusaurus already dropped number prefixes).
  const chapter = metadata.id.split("/")[0];
  return (
    <>
      <BrowserOnly>{() => <DocReadingTracker />}</BrowserOnly>
      {feedback && <BrowserOnly>{() => <LecternFeedback url={pagePath(metadata.permalink)} />}</BrowserOnly>}
      {forYou && <BrowserOnly fallback={<ReaderPanelLoading />}>{() => <LecternReaderPanel chapter={chapter} />}</BrowserOnly>}
      <Footer {...props} />
    </>
  );
}
