import useDocusaurusContext from "@docusaurus/useDocusaurusContext";

/** `themeConfig.lectern` after the theme's validation filled in the defaults (index.js). */
export type LecternThemeConfig = {
  lecternUrl: string;
  credentials: "auto" | "cookie" | "bearer";
  timeoutMs: number;
  readAfterSeconds: number;
  navbarItem: boolean;
  forYou: boolean;
  feedback: boolean;
};

export function useLecternThemeConfig(): LecternThemeConfig {
  const { siteConfig } = useDocusaurusContext();
  return (siteConfig.themeConfig as { lectern: LecternThemeConfig }).lectern;
}
