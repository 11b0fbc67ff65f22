// @ts-check
"use strict";
// CommonJS on purpose: Docusaurus requires a theme's entry, whatever the site's module type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require("node:path");

/** Defaults of `themeConfig.lectern` (the sample book's README, "Add Lectern to your own Docusaurus book"). */
const defaults = {
  credentials: "auto",
  timeoutMs: 4000,
  readAfterSeconds: 15,
  navbarItem: true,
  forYou: true,
  feedback: true,
};

/**
 * The theme: components under lib/theme (compiled from src/theme, which `docusaurus swizzle
 * --typescript` copies), the browser client as `@lectern/client`, and the reader's navbar item.
 * @returns {import("@docusaurus/types").Plugin}
 */
function themeLectern() {
  return {
    name: "docusaurus-theme-lectern",
    getThemePath: () => path.join(__dirname, "lib", "theme"),
    getTypeScriptThemePath: () => path.join(__dirname, "src", "theme"),
    getClientModules: () => [path.join(__dirname, "lib", "styles.css")],
    configureWebpack: () => ({
      // The client ships inside the theme; a book's own components may import it by this name too.
      resolve: {
        alias: { "@lectern/client": path.join(__dirname, "lib", "client"), "@lectern/theme": path.join(__dirname, "lib", "lectern") },
      },
    }),
    getSwizzleComponentList: () => ["ForLevel", "LecternReaderNavbarItem", "LecternReaderPanel", "LecternFeedback", "LecternContinueReading"],
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
  const navbar = themeConfig.navbar ?? {};
  const items = navbar.items ?? [];
  const hasItem = items.some((item) => item && item.type === "custom-lecternReader");
  return {
    ...themeConfig,
    lectern,
    ...(lectern.navbarItem && !hasItem ? { navbar: { ...navbar, items: [...items, { type: "custom-lecternReader", position: "right" }] } } : {}),
  };
}

module.exports = themeLectern;
module.exports.default = themeLectern;
module.exports.validateThemeConfig = validateThemeConfig;
