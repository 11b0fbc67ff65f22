// Builds lib/ from src/ (theme components) and from the workspace package @lectern/client (the browser client),
// transpiling each file on its own: the theme's types are checked where it is used (the sample
// book's `tsc`), and nothing here needs Docusaurus installed.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const packageDir = path.resolve(import.meta.dirname, "..");
const require = createRequire(path.join(packageDir, "package.json"));
const out = path.join(packageDir, "lib");
const ts = require("typescript");

/** The client's folder: @lectern/client is a workspace package, linked into node_modules by `npm install` at the repository root. */
function clientFolder() {
  try {
    return path.dirname(require.resolve("@lectern/client/package.json"));
  } catch {
    throw new Error("docusaurus-theme-lectern: @lectern/client is not installed: run `npm install` at the repository root (it links packages/lectern-client).");
  }
}
const clientDir = clientFolder();

const options = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  jsx: ts.JsxEmit.ReactJSX,
  verbatimModuleSyntax: false,
  isolatedModules: true,
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

function emit(source, target) {
  mkdirSync(path.dirname(target), { recursive: true });
  if (/\.tsx?$/.test(source)) {
    const { outputText } = ts.transpileModule(readFileSync(source, "utf8"), { compilerOptions: options, fileName: source });
    writeFileSync(target.replace(/\.tsx?$/, ".js"), outputText);
  } else {
    copyFileSync(source, target);
  }
}

rmSync(out, { recursive: true, force: true });
// Component tests (src/theme/__tests__, beside the components as in Docusaurus's own themes) are not shipped.
for (const source of files(path.join(packageDir, "src")).filter((file) => !file.split(path.sep).includes("__tests__")))
  emit(source, path.join(out, path.relative(path.join(packageDir, "src"), source)));
for (const source of files(clientDir).filter((file) => /\.ts$/.test(file) && !/\.test\.ts$/.test(file))) {
  emit(source, path.join(out, "client", path.basename(source)));
}
writeFileSync(path.join(out, "index-built.json"), JSON.stringify({ builtAt: Date.now() }));
console.log(`docusaurus-theme-lectern: built ${path.relative(process.cwd(), out) || "lib"}`);
