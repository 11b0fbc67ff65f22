import type * as Preset from "@docusaurus/preset-classic";
import type { Config } from "@docusaurus/types";
import { themes as prismThemes } from "prism-react-renderer";

/** The one Lectern setting: where Lectern lives. Baked into the static build. */
const lecternUrl = process.env.LECTERN_URL ?? "http://localhost:3000";

const config: Config = {
  title: "Physical AI & Humanoid Robotics",
  tagline: "A textbook that adapts to what you already know",
  url: process.env.BOOK_URL ?? "http://localhost:3001",
  baseUrl: "/",
  favicon: "img/favicon.svg",
  onBrokenLinks: "throw",
  markdown: { hooks: { onBrokenMarkdownLinks: "throw" } },
  i18n: { defaultLocale: "en", locales: ["en"] },
  customFields: { lecternUrl },
  plugins: ["./plugins/lectern-client.ts"],
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
    navbar: {
      title: "Physical AI",
      logo: { alt: "", src: "img/favicon.svg" },
      items: [
        { type: "docSidebar", sidebarId: "book", position: "left", label: "Book" },
        { type: "custom-lecternReader", position: "right" },
      ],
    },
    footer: {
      style: "light",
      copyright: "A sample book for Lectern. Personalization by your background, never your browsing.",
    },
    prism: { theme: prismThemes.github, darkTheme: prismThemes.dracula, additionalLanguages: ["bash"] },
  } satisfies Preset.ThemeConfig,
};

export default config;
