/**
 * The production server as JavaScript for plain `node`: a server entry (scripts/start.ts) and
 * everything it imports from this repository, compiled by esbuild into one ES module under
 * dist/ (dist/scripts/start.mjs). Packages stay in node_modules, so the server and Next's bundles
 * load the same `next`, PGlite, pino… and share one globalThis (lib/singleton). No TypeScript
 * loader runs in the serving process: tsx's hooks and its module cache cost memory (ADR-0041).
 *
 * `tsx scripts/build-server.ts` compiles scripts/start.ts; `--if-stale` only when a file it was
 * made from changed; other entries as arguments (the reliability suite's server).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";

export const serverEntry = "scripts/start.ts";

const root = path.resolve(import.meta.dirname, "..");
/** Not inputs esbuild reports but still what the output depends on: aliases, package versions. */
const settings = ["tsconfig.json", "package-lock.json"];

/** dist/ in the repository: packages resolve from the node_modules above it. A test passes its own folder there. */
const defaultOutDir = path.join(root, "dist");

/** Where `entry` (relative to the repository) is compiled to: dist/<entry's path>.mjs. */
export function compiledServerPath(entry = serverEntry, outDir = defaultOutDir): string {
  return path.join(outDir, entry.replace(/\.ts$/, ".mjs"));
}

/** The files (relative to the repository) the last compile of `entry` read, next to its output. */
export const inputsFileOf = (compiled: string) => `${compiled}.inputs.json`;

/**
 * `next/server` or `next/dist/server/lib/x` names a file only a bundler (or tsx) completes: to
 * Node's ESM loader, a package without an `exports` map is files, so the import must say
 * `next/server.js`. Such deep imports are written out with the file they resolve to; packages
 * with an `exports` map, and paths that already name a file, are left as they are.
 */
export function nodeSpecifier(specifier: string, importer: string): string {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  if (parts.length <= nameLength) return specifier;
  const name = parts.slice(0, nameLength).join("/");
  const require = createRequire(importer);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${name}/package.json`);
  } catch {
    return specifier; // an exports map that hides package.json: Node resolves through it
  }
  const manifest = JSON.parse(readFileSync(packageJson, "utf8")) as { exports?: unknown };
  const packageDir = path.dirname(packageJson);
  const named = path.join(packageDir, ...parts.slice(nameLength));
  if (manifest.exports !== undefined || (existsSync(named) && statSync(named).isFile())) return specifier;
  return `${name}/${path.relative(packageDir, require.resolve(specifier)).split(path.sep).join("/")}`;
}

const deepImportsForNode: Plugin = {
  name: "deep-imports-for-node",
  setup(build) {
    // Bare specifiers; `@/…` is this repository's (tsconfig paths), node's own are left to esbuild.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === "entry-point" || args.path.startsWith("@/") || isBuiltin(args.path)) return undefined;
      return { path: nodeSpecifier(args.path, args.importer), external: true };
    });
  },
};

/** True when `entry` was never compiled, or a file it was compiled from changed (or went) since. */
export function serverBuildIsStale(entry = serverEntry, outDir = defaultOutDir): boolean {
  const output = compiledServerPath(entry, outDir);
  if (!existsSync(output) || !existsSync(inputsFileOf(output))) return true;
  const built = statSync(output).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFileOf(output), "utf8")) as string[];
  return [...inputs, ...settings].some((input) => {
    const file = path.join(root, input);
    return !existsSync(file) || statSync(file).mtimeMs > built;
  });
}

/** Compiles `entry`; the output is replaced in one rename, so a server starting meanwhile never reads half a file. */
export async function buildServer(entry = serverEntry, outDir = defaultOutDir): Promise<string> {
  const output = compiledServerPath(entry, outDir);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: output,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    // Every package (bare import) stays external; `@/…` is this repository's (tsconfig paths).
    packages: "external",
    plugins: [deepImportsForNode],
    tsconfig: "tsconfig.json",
    // A file beside it, read only under `node --enable-source-maps`: no cost to a server that does not ask.
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  if (!result.outputFiles.some((file) => file.path === output)) throw new Error(`build-server: esbuild wrote no ${output}`);
  mkdirSync(path.dirname(output), { recursive: true });
  const files = [...result.outputFiles.map((file) => ({ path: file.path, contents: file.contents }))];
  files.unshift({ path: inputsFileOf(output), contents: Buffer.from(JSON.stringify(Object.keys(result.metafile.inputs))) });
  // The compiled module last: its mtime is what staleness is measured against.
  files.sort((a, b) => Number(a.path === output) - Number(b.path === output));
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return output;
}

/** Compiles `entry` when it is stale; returns the compiled file either way. */
export async function buildServerIfNeeded(entry = serverEntry, outDir = defaultOutDir): Promise<string> {
  return serverBuildIsStale(entry, outDir) ? buildServer(entry, outDir) : compiledServerPath(entry, outDir);
}

// Run as a command (never bundled into a server: `root` above is this file's folder's parent).
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, "scripts", "build-server.ts")) {
  const args = process.argv.slice(2);
  const ifStale = args.includes("--if-stale");
  const entries = args.filter((arg) => !arg.startsWith("--"));
  for (const entry of entries.length ? entries : [serverEntry]) {
    const output = await (ifStale ? buildServerIfNeeded(entry) : buildServer(entry));
    if (!ifStale) console.log(`lectern: compiled ${entry} → ${path.relative(root, output)}`);
  }
}
