import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Where the suite's production build lives (next.config.ts reads LECTERN_DIST_DIR). */
export const distDir = ".next-reliability";

const sources = ["app", "lib", "db", "public", "next.config.ts", "package-lock.json"];

function newest(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((latest, child) => Math.max(latest, newest(path.join(entry, child))), stats.mtimeMs);
}

/**
 * vitest global setup for the process project: a production build of the current sources,
 * made under the machine's heavy-work lock (builds are the heaviest thing anyone runs here).
 */
export default function buildOnce(): void {
  const buildId = path.join(distDir, "BUILD_ID");
  // RELIABILITY_REUSE_BUILD=1: a developer re-running the suite on a busy machine keeps the build it has.
  if (existsSync(buildId) && process.env.RELIABILITY_REUSE_BUILD === "1") return;
  if (existsSync(buildId) && sources.every((entry) => newest(entry) <= statSync(buildId).mtimeMs)) return;
  console.log(`reliability: building the app into ${distDir} (production)…`);
  const result = spawnSync("flock", ["/tmp/lectern-heavy.lock", "npx", "next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LECTERN_DIST_DIR: distDir },
  });
  if (result.status !== 0) throw new Error("next build failed (its output is above)");
}
