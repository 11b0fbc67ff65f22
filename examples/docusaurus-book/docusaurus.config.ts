import type * as Preset from "@docusaurus/preset-classic";
import type { Config } from "@docusaurus/types";
import type { LecternThemeConfig } from "docusaurus-theme-lectern";
import { themes as prismThemes } from "prism-react-renderer";

/** Where Lectern lives (baked into the static build), and how long a section must be in view to count as read. */
const lecternUrl = process.env.LECTERN_URL ?? "http://localhost:3000";
const readAfterSeconds = Number(process.env.BOOK_READ_AFTER_SECONDS ?? 15);

const config: Config = {
  title: "Physical AI & Humanoid Robotics",
  tagline: "A textbook that adapts to what you already know",
  url: process.env.BOOK_URL ?? "http://localhost:3001",
  baseUrl: "/",
  favicon: "img/favicon.svg",
  onBrokenLinks: "throw",
  markdown: { hooks: { onBrokenMarkdownLinks: "throw" } },
  i18n: { defaultLocale: "en", locales: ["en"] },
  // Lectern's theme, installed like any other package: the reader in the navbar, "For you" and
  // "Was this helpful?" on doc pages, <ForLevel> blocks, reading progress (packages/docusaurus-theme-lectern/README.md).
  themes: ["docusaurus-theme-lectern"],
  presets: [
    [
      "classic",
      {
        docs: { sidebarPath: "./sidebars.ts", routeBasePath: "docs" },
        blog: false,
        theme: { customCss: "./src/css/custom.css" },
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    // Same-site with Lectern (docs/deployment.md, layout 1): the HttpOnly cookie is the session; keep no token.
    lectern: { lecternUrl, credentials: "cookie", readAfterSeconds, askPlaceholder: "e.g. PID tuning" },
    navbar: {
      title: "Physical AI",
      logo: { alt: "", src: "img/favicon.svg" },
      items: [{ type: "docSidebar", sidebarId: "book", position: "left", label: "Book" }],
    },
    footer: {
      style: "light",
      copyright: "A sample book for Lectern. Personalization by your background, never your browsing.",
    },
    prism: { theme: prismThemes.github, darkTheme: prismThemes.dracula, additionalLanguages: ["bash"] },
  } satisfies Preset.ThemeConfig & { lectern: LecternThemeConfig },
};

export default config;
