import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

/**
 * Two suites: `unit` (opens no database) and `integration` (`*.int.test.ts`: a real database,
 * embedded PGlite per file, or the Postgres server named by TEST_DATABASE_URL).
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    env: {
      NODE_ENV: "test",
      DATA_DIR: ".test-data",
      BETTER_AUTH_URL: "http://localhost:3000",
      BOOK_ORIGINS: "http://localhost:3001,http://book.test",
      BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      PROFILE_ENCRYPTION_KEY: `t1:${Buffer.alloc(32, 7).toString("base64")}`,
    },
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // No database and no module mocks: files can share their worker's imports.
          isolate: false,
          include: ["{app,lib,db,scripts,bench}/**/*.test.{ts,tsx}", "packages/lectern-client/**/*.test.ts"],
          exclude: ["**/*.int.test.{ts,tsx}", "**/*.live.test.{ts,tsx}", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // Files share their worker's process (imports and PGlite's WebAssembly load once per
          // worker, not per file): each file still gets its own database and a fresh configuration
          // (testing/database-per-file.ts), so a file must leave process.env as it found it.
          isolate: false,
          // `*.live.test.ts` (a live Qdrant at QDRANT_URL, skipped without) opens a database too.
          include: ["{app,lib,db,scripts}/**/*.int.test.{ts,tsx}", "packages/lectern-client/**/*.int.test.ts", "lib/**/*.live.test.{ts,tsx}"],
          globalSetup: [path.join(root, "testing/global-setup.ts")],
          setupFiles: [path.join(root, "testing/database-per-file.ts")],
        },
      },
    ],
  },
});
