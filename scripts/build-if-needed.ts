import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sources = ["app", "lib", "db", "public", "next.config.ts", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stats.mtimeMs);
}

/** True when there is no production build, or a source file changed since it was made. */
export function buildIsStale(): boolean {
  const buildId = ".next/BUILD_ID";
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return sources.some((entry) => newestMtime(entry) > built);
}

export function buildIfNeeded(): void {
  if (!buildIsStale()) return;
  console.log("lectern: building the app (first start or changed sources)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  // Thrown, not exited: the caller closes the database it already opened.
  if (result.status !== 0) throw new Error("next build failed (its output is above)");
}

/** `npm start -- --prebuilt`: the build must exist; its age is the deploy's business. */
export function requireBuild(): void {
  if (!existsSync(".next/BUILD_ID")) throw new Error("--prebuilt: there is no build in .next (run `npm run build` first)");
}
