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
  /** The book's own words: "Ask the book"'s example question (else the translated default). */
  askPlaceholder?: string;
  /** The docs version Lectern indexes (its name, e.g. "current" or "2.x"); default the docs' last version. */
  personalizedVersion?: string;
};

export function useLecternThemeConfig(): LecternThemeConfig {
  const { siteConfig } = useDocusaurusContext();
  const lectern = (siteConfig.themeConfig as { lectern?: LecternThemeConfig }).lectern;
  if (!lectern) throw new Error('docusaurus-theme-lectern: themeConfig.lectern is missing; add { lecternUrl: "https://…" } to docusaurus.config.');
  return lectern;
}
