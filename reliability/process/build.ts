import { existsSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "@/scripts/build-if-needed";

/** Where the suite's production build lives (next.config.ts reads LECTERN_DIST_DIR). */
export const distDir = ".next-reliability";

/** vitest global setup for the process project: a production build of the current sources, under the heavy-work lock. */
export default function buildOnce(): void {
  // RELIABILITY_REUSE_BUILD=1: a developer re-running the suite on a busy machine keeps the build it has.
  if (existsSync(path.join(distDir, "BUILD_ID")) && process.env.RELIABILITY_REUSE_BUILD === "1") return;
  buildIfNeeded({ distDir, underHeavyLock: true });
}
