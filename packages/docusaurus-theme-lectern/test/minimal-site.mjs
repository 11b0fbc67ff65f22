// A second, minimal Docusaurus site that adds the theme and nothing else, installed from the packed
// tarball as an outside book would: `npm pack`, then the tarball unpacked into the site's
// node_modules (the site's other packages are the sample book's, linked, so no network is needed).
// Builds it and checks what a reader and a crawler get. Exits 1 with the reason on any failure.
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

try {
  if (!existsSync(path.join(bookDir, "node_modules", "@docusaurus", "core"))) run("npm", ["ci", "--no-audit", "--no-fund"], bookDir);

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
  writeFileSync(
    path.join(site, "docs", "motors.md"),
    `---\ntitle: Motors\nslug: /\n---\n\n# Motors\n\nA motor turns current into torque.\n\n## Drivers\n\n` +
      `<ForLevel track="hardware" level="beginner" title="drivers in everyday words">\n\nThe driver is a tap for current.\n\n</ForLevel>\n\n` +
      `<ForLevel track="hardware" level="advanced" title="current control">\n\nThe driver closes a current loop at 20 kHz.\n\n</ForLevel>\n`,
  );
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
  check(js.includes("Was this helpful?") && js.includes("For you"), "doc pages carry the feedback control and the For you panel");
  check(js.includes("http://localhost:3000"), "themeConfig.lectern.lecternUrl reaches the browser");

  // 4. A wrong setting stops the build with one line naming it.
  writeFileSync(path.join(site, "docusaurus.config.js"), config(`lectern: { lecternUrl: "not a url" }`));
  const refused = run("node", [docusaurus, "build", "--out-dir", "build-bad"], site, { allowFailure: true });
  check(
    refused.status !== 0 && `${refused.stdout}${refused.stderr}`.includes("themeConfig.lectern: lecternUrl must be an http(s) URL"),
    "a bad lecternUrl stops the build, naming the setting",
  );
} finally {
  rmSync(site, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("The theme works in a minimal Docusaurus site installed from its tarball.");
