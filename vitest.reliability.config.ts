import path from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

const root = import.meta.dirname;

/**
 * `npm run test:reliability`: security findings and hostile input driven over HTTP against the
 * route handlers in-process (`reliability/edge`), and faults against real production servers
 * this suite starts on its own ports (`reliability/process`: Postgres stopped, SIGKILL, Redis
 * down, Qdrant unreachable). Loopback only; every loop is bounded.
 */
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "reliability-edge",
            include: ["reliability/edge/**/*.test.ts"],
            globalSetup: [path.join(root, "testing/global-setup.ts")],
            setupFiles: [path.join(root, "testing/database-per-file.ts")],
          },
        },
        {
          extends: true,
          test: {
            name: "reliability-process",
            include: ["reliability/process/**/*.test.ts"],
            globalSetup: [path.join(root, "reliability/process/build.ts")],
            // Each file starts its own servers and databases; one at a time keeps the 2 cores for them.
            fileParallelism: false,
            testTimeout: 180_000,
            hookTimeout: 300_000,
          },
        },
      ],
    },
  }),
);
