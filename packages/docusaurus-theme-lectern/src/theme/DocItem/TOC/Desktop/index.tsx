import { useLecternThemeConfig, usePersonalizedVersion } from "@lectern/theme";
import Desktop from "@theme-init/DocItem/TOC/Desktop";
import LecternForYouEntry from "@theme/LecternForYouEntry";
import styles from "./styles.module.css";

/** The table of contents' column on wide screens, with a compact way to "For you" under the contents, both kept in view. */
export default function DesktopWrapper() {
  const { forYou } = useLecternThemeConfig();
  const version = usePersonalizedVersion();
  if (!forYou || !version.personalized) return <Desktop />;
  return (
    <div className={styles.column}>
      <Desktop />
      <LecternForYouEntry placement="toc" />
    </div>
  );
}
