// `npm run book`: serves the built book on BOOK_PORT (3001) against LECTERN_URL (http://localhost:3000),
// installing and building first when the build is missing, older than its sources, or made for another Lectern.
// `--build-only` (npm run book:build) stops after the build, for CI. Builds Lectern's theme first when it changed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const siteDir = path.resolve(import.meta.dirname, "..");
const lecternUrl = process.env.LECTERN_URL ?? "http://localhost:3000";
const port = process.env.BOOK_PORT ?? "3001";
// One build per Lectern URL, so runs against different Lecterns (CI on 3000, an experiment on 3100)
// never overwrite the files another one is serving.
// A different read-after time (BOOK_READ_AFTER_SECONDS; the browser suite uses a short one) is another build too.
const readAfter = process.env.BOOK_READ_AFTER_SECONDS ?? "";
const outDir = path.join("build", "for-" + lecternUrl.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9.-]+/g, "-") + (readAfter ? `-read-${readAfter}s` : ""));
const stampFile = path.join(siteDir, outDir, ".lectern-build.json");
const themeDir = path.resolve(siteDir, "../../packages/docusaurus-theme-lectern");
const themeSources = ["src", "index.js", "scripts"].map((source) => path.join(themeDir, source));
const sources = ["docs", "src", "static", "docusaurus.config.ts", "sidebars.ts", "package-lock.json"];

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestChange(path.join(target, name))), stat.mtimeMs);
}

function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: siteDir, stdio: "inherit", env: { ...process.env, LECTERN_URL: lecternUrl } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function buildIsCurrent() {
  if (!existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  const newestSource = Math.max(...sources.map((source) => newestChange(path.join(siteDir, source))), ...themeSources.map(newestChange));
  return stamp.lecternUrl === lecternUrl && stamp.builtAt >= newestSource;
}

if (!existsSync(path.join(siteDir, "node_modules", "@docusaurus", "core"))) run("npm", ["ci", "--no-audit", "--no-fund"]);
// The browser client the theme's lib/ includes: the workspace package @lectern/client, a devDependency of this book.
themeSources.push(path.dirname(createRequire(path.join(siteDir, "package.json")).resolve("@lectern/client/package.json")));
// The theme is installed from its folder (a link); its lib/ is built from src/ and the workspace package @lectern/client (packages/lectern-client).
const themeLib = path.join(themeDir, "lib", "index-built.json");
if (!existsSync(themeLib) || JSON.parse(readFileSync(themeLib, "utf8")).builtAt < Math.max(...themeSources.map(newestChange))) {
  run("node", [path.join(themeDir, "scripts", "build.mjs")]);
}
if (!buildIsCurrent()) {
  const builtAt = Date.now();
  run("npx", ["docusaurus", "build", "--out-dir", outDir]);
  writeFileSync(stampFile, JSON.stringify({ lecternUrl, builtAt }));
} else {
  console.log(`Book build in ${outDir} is current for Lectern at ${lecternUrl}.`);
}
if (process.argv.includes("--build-only")) process.exit(0);
run("npx", ["docusaurus", "serve", "--dir", outDir, "--port", port, "--host", "localhost", "--no-open"]);
