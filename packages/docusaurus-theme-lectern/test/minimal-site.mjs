// The theme's tests, as `npm test` and the repository's `.ci/run` run them: first its component tests
// (vitest, src/theme/__tests__ and test/*.test.ts), then minimal Docusaurus sites that add the theme,
// installed from the packed tarball as an outside book would: `npm pack`, then the tarball unpacked
// into the site's node_modules (the site's other packages are the sample book's, linked, so no
// network is needed). Builds them and checks what a reader and a crawler get:
//   1. a site with the theme and nothing else;
//   2. a site with its own `src/theme/Root.js` (which replaces the theme's Root);
//   3. a site with two docs versions and a second locale (its code.json from `write-translations`).
// Exits 1 with the reason on any failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const themeDir = path.resolve(import.meta.dirname, "..");
const bookDir = path.resolve(themeDir, "../../examples/docusaurus-book");
const site = mkdtempSync(path.join(tmpdir(), "lectern-minimal-site-"));
const failures = [];

function run(command, args, cwd, { allowFailure = false } = {}) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_UPDATE_NOTIFIER: "1" } });
  if (result.status !== 0 && !allowFailure) {
    console.error(result.stdout, result.stderr);
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}`);
  }
  return result;
}

function check(condition, what) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures.push(what);
}

/** Writes files under a directory, making folders as needed. */
function writeFiles(dir, files) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

/** A page with every kind of level block, as the minimal site's docs hold it. */
const motorsDoc = (slug) =>
  `---\ntitle: Motors\nslug: ${slug}\n---\n\n# Motors\n\nA motor turns current into torque.\n\n## Drivers\n\n` +
  `<ForLevel track="hardware" level="beginner" title="drivers in everyday words">\n\nThe driver is a tap for current.\n\n</ForLevel>\n\n` +
  `<ForLevel track="hardware" level="advanced" title="current control">\n\nThe driver closes a current loop at 20 kHz.\n\n</ForLevel>\n`;

try {
  if (!existsSync(path.join(bookDir, "node_modules", "@docusaurus", "core"))) run("npm", ["ci", "--no-audit", "--no-fund"], bookDir);

  // 0. The component tests: every component and hook without a provider, in a translated book.
  const components = run("npx", ["vitest", "run", "--config", "vitest.config.mts"], themeDir, { allowFailure: true });
  check(components.status === 0, "the theme's component tests pass (npm run test:components)");
  if (components.status !== 0) console.error(components.stdout.slice(-4000), components.stderr.slice(-2000));

  // 1. Pack the theme (prepack builds lib/) and install the tarball.
  run("npm", ["pack", "--pack-destination", site], themeDir);
  const tarball = path.join(
    site,
    readdirSync(site).find((file) => file.endsWith(".tgz")),
  );
  const modules = path.join(site, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(path.join(bookDir, "node_modules"))) {
    if (name === "docusaurus-theme-lectern" || name.startsWith(".")) continue;
    symlinkSync(path.join(bookDir, "node_modules", name), path.join(modules, name));
  }
  mkdirSync(path.join(modules, "docusaurus-theme-lectern"));
  run("tar", ["-xzf", tarball, "-C", path.join(modules, "docusaurus-theme-lectern"), "--strip-components=1"], site);

  // 2. The site: the classic preset, one `themes` entry, one `themeConfig.lectern` block, one doc.
  const config = (lectern) => `module.exports = {
  title: "A minimal book",
  url: "http://localhost:4590",
  baseUrl: "/",
  onBrokenLinks: "throw",
  presets: [["classic", { docs: { routeBasePath: "/" }, blog: false }]],
  themes: ["docusaurus-theme-lectern"],
  themeConfig: { ${lectern} },
};
`;
  writeFileSync(path.join(site, "package.json"), JSON.stringify({ name: "minimal-book", private: true }));
  writeFileSync(path.join(site, "docusaurus.config.js"), config(`lectern: { lecternUrl: "http://localhost:3000" }`));
  mkdirSync(path.join(site, "docs"));
  writeFileSync(path.join(site, "docs", "motors.md"), motorsDoc("/"));
  const docusaurus = path.join(modules, "@docusaurus", "core", "bin", "docusaurus.mjs");

  // 3. Build it and look at what a crawler gets and what the browser bundle registers.
  run("node", [docusaurus, "build", "--out-dir", "build"], site);
  const html = readFileSync(path.join(site, "build", "index.html"), "utf8");
  check(
    html.includes("The driver is a tap for current.") && html.includes("The driver closes a current loop at 20 kHz."),
    "the static page holds every level block's text (guests and crawlers)",
  );
  check((html.match(/data-testid="for-level"/g) ?? []).length === 2, "<ForLevel> renders through the theme's MDX components, without an import");
  const js = readdirSync(path.join(site, "build", "assets", "js"))
    .map((file) => readFileSync(path.join(site, "build", "assets", "js", file), "utf8"))
    .join("\n");
  check(js.includes("custom-lecternReader"), "the reader's navbar item is registered and added to the navbar");
  check(html.includes('data-testid="for-you-entry-top"') && html.includes('href="#lectern-for-you"'), 'the doc has a way to "For you" near its top');
  check(js.includes("Was this helpful?") && js.includes("For you"), "doc pages carry the feedback control and the For you panel");
  check(js.includes("http://localhost:3000"), "themeConfig.lectern.lecternUrl reaches the browser");

  // 4. A wrong setting stops the build with one line naming it.
  writeFileSync(path.join(site, "docusaurus.config.js"), config(`lectern: { lecternUrl: "not a url" }`));
  const refused = run("node", [docusaurus, "build", "--out-dir", "build-bad"], site, { allowFailure: true });
  check(
    refused.status !== 0 && `${refused.stdout}${refused.stderr}`.includes("themeConfig.lectern: lecternUrl must be an http(s) URL"),
    "a bad lecternUrl stops the build, naming the setting",
  );

  // 5. A site with its own Root, as sites with a chatbot or their own auth have: it replaces the theme's.
  const rooted = path.join(site, "rooted");
  writeFiles(rooted, {
    "package.json": JSON.stringify({ name: "rooted-book", private: true }),
    "docusaurus.config.js": config(`lectern: { lecternUrl: "http://localhost:3000" }`),
    "docs/motors.md": motorsDoc("/"),
    "src/theme/Root.js": `import React from "react";\n// The site's own Root: no Lectern, no @theme-original.\nexport default function Root({ children }) {\n  return <div className="site-chatbot-root">{children}</div>;\n}\n`,
  });
  symlinkSync(modules, path.join(rooted, "node_modules"));
  const rootedBuild = run("node", [docusaurus, "build", "--out-dir", "build"], rooted, { allowFailure: true });
  check(rootedBuild.status === 0, "a site with its own src/theme/Root.js builds (every page rendered)");
  if (rootedBuild.status === 0) {
    const rootedHtml = readFileSync(path.join(rooted, "build", "index.html"), "utf8");
    check(
      rootedHtml.includes("site-chatbot-root") && (rootedHtml.match(/data-testid="for-level"/g) ?? []).length === 2,
      "its Root is kept and the theme's level blocks render under it",
    );
  } else {
    console.error(`${rootedBuild.stdout}${rootedBuild.stderr}`.slice(-3000));
  }

  // 6. Two docs versions (the current one, which Lectern indexes, and 1.0) and a second locale.
  const versioned = path.join(site, "versioned");
  writeFiles(versioned, {
    "package.json": JSON.stringify({ name: "versioned-book", private: true }),
    "docusaurus.config.js": config(`lectern: { lecternUrl: "http://localhost:3000" }`).replace(
      "themes:",
      `i18n: { defaultLocale: "en", locales: ["en", "fr"] },\n  themes:`,
    ),
    "docs/motors.md": motorsDoc("/motors"),
    "docs/index.md": "---\nslug: /\n---\n\n# Home\n\nThe book.\n",
    "versioned_docs/version-1.0/motors.md": motorsDoc("/motors"),
    "versioned_docs/version-1.0/index.md": "---\nslug: /\n---\n\n# Home\n\nThe old book.\n",
    "versions.json": JSON.stringify(["1.0"]),
  });
  symlinkSync(modules, path.join(versioned, "node_modules"));
  // The last version would be "1.0": here the current docs are both the last version and the one Lectern indexes.
  writeFileSync(
    path.join(versioned, "docusaurus.config.js"),
    readFileSync(path.join(versioned, "docusaurus.config.js"), "utf8")
      .replace(`lectern: { lecternUrl: "http://localhost:3000" }`, `lectern: { lecternUrl: "http://localhost:3000", personalizedVersion: "current" }`)
      .replace(`docs: { routeBasePath: "/" }`, `docs: { routeBasePath: "/", lastVersion: "current", versions: { "1.0": { path: "1.0" } } }`),
  );
  run("node", [docusaurus, "write-translations", "--locale", "fr"], versioned);
  const codeJson = JSON.parse(readFileSync(path.join(versioned, "i18n", "fr", "code.json"), "utf8"));
  check(
    codeJson["lectern.feedback.question"]?.message === "Was this helpful?" && codeJson["lectern.forYou.heading"]?.message === "For you",
    "write-translations puts the theme's words in the locale's code.json, by id",
  );
  check(
    codeJson["lectern.reason.matches"]?.message === "matches your {answer}" &&
      codeJson["lectern.reason.inferredTrack"]?.message === "inferred {track}: {signals}",
    "write-translations puts \"For you\"'s reasons in the locale's code.json too (lectern.reason.*)",
  );
  codeJson["lectern.forYou.heading"] = { message: "Pour vous" };
  writeFileSync(path.join(versioned, "i18n", "fr", "code.json"), JSON.stringify(codeJson, null, 2));
  const versionedBuild = run("node", [docusaurus, "build", "--out-dir", "build"], versioned, { allowFailure: true });
  check(versionedBuild.status === 0, "a site with docs versions and a second locale builds");
  if (versionedBuild.status === 0) {
    const current = readFileSync(path.join(versioned, "build", "motors", "index.html"), "utf8");
    const old = readFileSync(path.join(versioned, "build", "1.0", "motors", "index.html"), "utf8");
    const french = readFileSync(path.join(versioned, "build", "fr", "motors", "index.html"), "utf8");
    check(current.includes('data-testid="for-you-entry-top"') && !current.includes("for-you-other-version"), "the indexed version's pages get For you");
    check(
      old.includes('data-testid="for-you-other-version"') && /href="\/motors\/?"/.test(old) && !old.includes("for-you-entry-top"),
      "an older version's pages say which version is personalized and link to the same page there",
    );
    check(french.includes("Pour vous") && !current.includes("Pour vous"), "the French pages use the locale's code.json for the theme's words");
  } else {
    console.error(`${versionedBuild.stdout}${versionedBuild.stderr}`.slice(-3000));
  }
} finally {
  rmSync(site, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("The theme works in a minimal Docusaurus site installed from its tarball.");
