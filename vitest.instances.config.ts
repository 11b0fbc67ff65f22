import path from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

const root = import.meta.dirname;

/**
 * `npm run test:instances`: two production servers (`next build` once) on :4801 and :4802
 * against one Postgres database and one Redis, driven over HTTP as a load balancer would spread
 * a reader's requests; and SIGTERM on a third (:4803) with a request in flight.
 */
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      name: "instances",
      include: ["testing/instances/**/*.test.ts"],
      globalSetup: [path.join(root, "testing/instances/global-setup.ts")],
      // The servers share the machine's cores with the tests: one file at a time.
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 180_000,
    },
  }),
);
