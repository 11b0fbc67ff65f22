import BrowserOnly from "@docusaurus/BrowserOnly";
import { useDoc } from "@docusaurus/plugin-content-docs/client";
import Footer from "@theme-original/DocItem/Footer";
import type FooterType from "@theme/DocItem/Footer";
import type { WrapperProps } from "@docusaurus/types";
import ReaderPanel, { ReaderPanelLoading } from "@site/src/components/ReaderPanel";

type Props = WrapperProps<typeof FooterType>;

/**
 * Every doc page ends with the reader's panel. It is browser-only: the static page (server-rendered
 * content) ships and paints first, and the panel asks Lectern afterwards.
 */
export default function FooterWrapper(props: Props) {
  const { metadata } = useDoc();
  // Lectern's chapter id: the doc id's first segment (its top folder, number prefix dropped).
  const chapter = metadata.id.split("/")[0];
  return (
    <>
      <BrowserOnly fallback={<ReaderPanelLoading />}>{() => <ReaderPanel chapter={chapter} />}</BrowserOnly>
      <Footer {...props} />
    </>
  );
}
