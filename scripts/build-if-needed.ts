import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Everything a production build is made from: a change to any of them makes the build stale. */
const sources = ["app", "lib", "db", "public", "next.config.ts", "package-lock.json", "tsconfig.json"];

/** Next's default build folder; a suite with its own (next.config.ts reads LECTERN_DIST_DIR) names it. */
export const defaultDistDir = ".next";

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stats.mtimeMs);
}

/** True when there is no production build in `distDir`, or a source file changed since it was made. */
export function buildIsStale(distDir = defaultDistDir): boolean {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return sources.some((entry) => newestMtime(entry) > built);
}

/**
 * Builds into `distDir` when the build is stale. `underHeavyLock`: take the machine's heavy-work
 * lock for the build (a suite that does not already hold it; builds are the heaviest thing run here).
 */
export function buildIfNeeded(options: { distDir?: string; underHeavyLock?: boolean } = {}): void {
  const distDir = options.distDir ?? defaultDistDir;
  if (!buildIsStale(distDir)) return;
  console.log(`lectern: building the app into ${distDir} (first start or changed sources)…`);
  const build = ["npx", "next", "build"];
  const [command, ...args] = options.underHeavyLock ? ["flock", "/tmp/lectern-heavy.lock", ...build] : build;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  if (distDir !== defaultDistDir) env.LECTERN_DIST_DIR = distDir;
  const result = spawnSync(command!, args, { stdio: "inherit", env });
  // Thrown, not exited: the caller closes the database it already opened.
  if (result.status !== 0) throw new Error("next build failed (its output is above)");
}

/** `npm start -- --prebuilt`: the build must exist; its age is the deploy's business. */
export function requireBuild(): void {
  if (!existsSync(path.join(defaultDistDir, "BUILD_ID"))) throw new Error("--prebuilt: there is no build in .next (run `npm run build` first)");
}
