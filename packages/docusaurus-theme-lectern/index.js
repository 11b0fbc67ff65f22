// @ts-check
"use strict";
// CommonJS on purpose: Docusaurus requires a theme's entry, whatever the site's module type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require("node:path");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require("node:fs");

/** Defaults of `themeConfig.lectern` (the sample book's README, "Add Lectern to your own Docusaurus book"). */
const defaults = {
  credentials: "auto",
  timeoutMs: 4000,
  readAfterSeconds: 15,
  navbarItem: true,
  forYou: true,
  feedback: true,
};

/** A site's own copy of a theme component (`src/theme/<name>.js`, `…/index.tsx`, …), or null. */
function siteComponent(siteDir, name) {
  for (const ending of ["", "/index"]) {
    for (const extension of [".js", ".jsx", ".ts", ".tsx"]) {
      const file = path.join(siteDir, "src", "theme", `${name}${ending}${extension}`);
      if (fs.existsSync(file)) return { file: path.relative(siteDir, file), text: fs.readFileSync(file, "utf8") };
    }
  }
  return null;
}

/**
 * Swizzles that would lose part of the theme: a site's own copy of a component the theme wraps
 * that neither wraps the theme's (`@theme-original/…`) nor adds Lectern's part itself. The navbar
 * item breaks every page (Docusaurus finds no component for it): stop, saying what to add. The
 * others only lose a part: say so once. A site's own `Root` needs nothing (Layout/Provider has Lectern).
 * @param {string} siteDir
 * @param {{ navbarItem?: boolean }} lectern
 */
function checkSwizzles(siteDir, lectern) {
  const types = siteComponent(siteDir, "NavbarItem/ComponentTypes");
  if (types && lectern.navbarItem !== false && !/@theme-original\/NavbarItem\/ComponentTypes|custom-lecternReader/.test(types.text)) {
    throw new Error(
      `docusaurus-theme-lectern: ${types.file} replaces the navbar item types and has no "custom-lecternReader". ` +
        `Add it to the object that file exports: import LecternReaderNavbarItem from "@theme/LecternReaderNavbarItem"; ` +
        `… "custom-lecternReader": LecternReaderNavbarItem (or start from the theme's: import ComponentTypes from ` +
        `"@theme-original/NavbarItem/ComponentTypes"; export default { ...ComponentTypes, … }), or set themeConfig.lectern.navbarItem: false.`,
    );
  }
  const mdx = siteComponent(siteDir, "MDXComponents");
  if (mdx && !/@theme-original\/MDXComponents|ForLevel/.test(mdx.text)) {
    console.warn(
      `[docusaurus-theme-lectern] ${mdx.file} replaces the MDX components without <ForLevel>: docs using it fail. ` +
        `Add ForLevel (import ForLevel from "@theme/ForLevel") to the object it exports, or spread "@theme-original/MDXComponents".`,
    );
  }
  const footer = siteComponent(siteDir, "DocItem/Footer");
  if (footer && !/@theme-original\/DocItem\/Footer|LecternFeedback|LecternReaderPanel/.test(footer.text)) {
    console.warn(
      `[docusaurus-theme-lectern] ${footer.file} replaces the doc footer: "Was this helpful?", "For you" and reading progress are gone. ` +
        `Wrap the theme's instead (npm run swizzle docusaurus-theme-lectern DocItem/Footer -- --wrap --danger) or render <Footer> from "@theme-original/DocItem/Footer" in yours.`,
    );
  }
}

/** Each doc's chapter, as its sidebar names it (the top category), by permalink without a trailing slash. */
function chaptersOf(allContent) {
  /** @type {Record<string, string>} */
  const chapters = {};
  const docsPlugins = allContent["docusaurus-plugin-content-docs"] ?? {};
  for (const content of Object.values(docsPlugins)) {
    for (const version of content?.loadedVersions ?? []) {
      const permalinks = new Map(version.docs.map((doc) => [doc.id, doc.permalink.replace(/\/+$/, "") || "/"]));
      const walk = (items, chapter) => {
        for (const item of items ?? []) {
          if (item.type === "category") {
            const label = chapter ?? item.label;
            if (item.link?.type === "doc" && permalinks.has(item.link.id)) chapters[permalinks.get(item.link.id)] ??= label;
            walk(item.items, label);
          } else if ((item.type === "doc" || item.type === "ref") && chapter && permalinks.has(item.id)) {
            chapters[permalinks.get(item.id)] ??= chapter;
          }
        }
      };
      for (const sidebar of Object.values(version.sidebars ?? {})) walk(sidebar, null);
    }
  }
  return chapters;
}

/**
 * The theme: components under lib/theme (compiled from src/theme, which `docusaurus swizzle
 * --typescript` copies), the browser client as `@lectern/client`, and the reader's navbar item.
 * @param {import("@docusaurus/types").LoadContext} [context]
 * @returns {import("@docusaurus/types").Plugin}
 */
function themeLectern(context) {
  if (context?.siteDir) checkSwizzles(context.siteDir, context.siteConfig?.themeConfig?.lectern ?? {});
  return {
    name: "docusaurus-theme-lectern",
    getThemePath: () => path.join(__dirname, "lib", "theme"),
    getTypeScriptThemePath: () => path.join(__dirname, "src", "theme"),
    getClientModules: () => [path.join(__dirname, "lib", "styles.css")],
    // `write-translations` reads a theme's words from its theme path (lib/, where JSX is compiled away) and
    // from these: the sources, so every <Translate> and translate() of the theme lands in a locale's code.json.
    getPathsToWatch: () => [path.join(__dirname, "src", "**", "*.{ts,tsx}")],
    configureWebpack: () => ({
      // The client ships inside the theme; a book's own components may import it by this name too.
      resolve: {
        alias: { "@lectern/client": path.join(__dirname, "lib", "client"), "@lectern/theme": path.join(__dirname, "lib", "lectern") },
      },
    }),
    // Docusaurus 3.6+: the chapter names "Continue where you left off" shows (older versions show the page only).
    async allContentLoaded({ allContent, actions }) {
      actions.setGlobalData({ chapters: chaptersOf(allContent) });
    },
    getSwizzleComponentList: () => Object.keys(ownComponents),
  };
}

function fail(message) {
  throw new Error(`themeConfig.lectern: ${message}`);
}

/**
 * Checks `themeConfig.lectern` (one line naming the key when it is wrong) and, unless
 * `navbarItem: false`, adds the reader's item to the right of the navbar.
 * @param {{ themeConfig: Record<string, any> }} input
 */
function validateThemeConfig({ themeConfig }) {
  const given = themeConfig.lectern;
  if (!given || typeof given !== "object") fail('missing; add { lecternUrl: "https://…" }');
  const lectern = { ...defaults, ...given };
  try {
    const url = new URL(lectern.lecternUrl);
    if (!/^https?:$/.test(url.protocol)) throw new Error();
  } catch {
    fail(`lecternUrl must be an http(s) URL (got ${JSON.stringify(lectern.lecternUrl)})`);
  }
  if (!["auto", "cookie", "bearer"].includes(lectern.credentials)) fail(`credentials must be "auto", "cookie" or "bearer"`);
  for (const key of ["timeoutMs", "readAfterSeconds"]) {
    if (typeof lectern[key] !== "number" || !(lectern[key] > 0)) fail(`${key} must be a positive number`);
  }
  for (const key of ["navbarItem", "forYou", "feedback"]) {
    if (typeof lectern[key] !== "boolean") fail(`${key} must be true or false`);
  }
  for (const key of ["askPlaceholder", "personalizedVersion"]) {
    if (key in lectern && (typeof lectern[key] !== "string" || lectern[key].trim() === "")) fail(`${key} must be a non-empty string`);
  }
  const navbar = themeConfig.navbar ?? {};
  const items = navbar.items ?? [];
  const hasItem = items.some((item) => item && item.type === "custom-lecternReader");
  return {
    ...themeConfig,
    lectern,
    ...(lectern.navbarItem && !hasItem ? { navbar: { ...navbar, items: [...items, { type: "custom-lecternReader", position: "right" }] } } : {}),
  };
}

/** The theme's own components: safe to wrap or eject (`docusaurus swizzle` asks no questions for these). */
const ownComponents = {
  ForLevel: "A level block in MDX: open at the reader's level, folded to one line otherwise",
  LecternReaderNavbarItem: "The reader in the navbar (Sign in / Sign up, or email, Account, Sign out)",
  LecternReaderPanel: '"For you" and "Ask the book" under each doc',
  LecternFeedback: '"Was this helpful?" at the end of each doc',
  LecternContinueReading: '"Continue where you left off" (or "Start reading"), for a home page',
  LecternForYouEntry: 'The compact way to "For you" near the top of each doc',
  LecternAdaptsNotice: '"The book now adapts", once after signing up',
};

/** Docusaurus reads this from a theme's entry to know which swizzles are safe. */
function getSwizzleConfig() {
  return {
    components: Object.fromEntries(
      Object.entries(ownComponents).map(([name, description]) => [name, { actions: { eject: "safe", wrap: "safe" }, description }]),
    ),
  };
}

module.exports = themeLectern;
module.exports.default = themeLectern;
module.exports.validateThemeConfig = validateThemeConfig;
module.exports.getSwizzleConfig = getSwizzleConfig;
