import { readdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { transformWithOxc, type Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * The theme's component tests: its components rendered with React's own server renderer, with the
 * real Docusaurus client modules (from the sample book's node_modules) and, in place of what a
 * Docusaurus build generates (`@generated/…`), the small files in test/generated/.
 */
const themeDir = import.meta.dirname;
/** The browser client, from the workspace package @lectern/client (linked by `npm install` at the repository root). */
const client = createRequire(path.join(themeDir, "package.json")).resolve;
const book = realpathSync(path.resolve(themeDir, "../../examples/docusaurus-book/node_modules"));
const coreClient = path.join(book, "@docusaurus/core/lib/client");
/** `@docusaurus/Link`, `@docusaurus/Translate`, …: what Docusaurus's bundler maps to its client exports. */
const docusaurusExports = readdirSync(path.join(coreClient, "exports"))
  .filter((file) => file.endsWith(".js"))
  .map((file) => file.slice(0, -3));

/** Docusaurus ships its client modules as JSX in .js files (its bundler compiles them); so does this. */
function docusaurusJsx(): Plugin {
  return {
    name: "docusaurus-client-jsx",
    enforce: "pre",
    async transform(code, id) {
      if (!id.startsWith(path.join(book, "@docusaurus")) || !id.endsWith(".js")) return null;
      return transformWithOxc(code, `${id}x`, { jsx: { runtime: "automatic" } });
    },
  };
}

export default defineConfig({
  root: themeDir,
  plugins: [docusaurusJsx()],
  resolve: {
    alias: [
      ...docusaurusExports.map((name) => ({ find: new RegExp(`^@docusaurus/${name}$`), replacement: path.join(coreClient, "exports", `${name}.js`) })),
      { find: "@docusaurus/plugin-content-docs/client", replacement: path.join(book, "@docusaurus/plugin-content-docs/lib/client/index.js") },
      { find: /^@generated\/(.*)$/, replacement: path.join(themeDir, "test/generated/$1.js") },
      { find: "@lectern/client/react", replacement: client("@lectern/client/react") },
      { find: "@lectern/client", replacement: client("@lectern/client") },
      { find: "@lectern/theme", replacement: path.join(themeDir, "src/lectern/index.ts") },
      { find: /^@theme\/(.*)$/, replacement: path.join(themeDir, "src/theme/$1") },
      // One React: the book's, which Docusaurus's modules use too.
      { find: /^react$/, replacement: path.join(book, "react") },
      { find: /^react\/(.*)$/, replacement: path.join(book, "react/$1") },
      { find: /^react-dom\/(.*)$/, replacement: path.join(book, "react-dom/$1") },
      { find: /^react-router-dom$/, replacement: path.join(book, "react-router-dom") },
      { find: /^@docusaurus\/utils-common$/, replacement: path.join(book, "@docusaurus/utils-common") },
    ],
  },
  server: { deps: { inline: [/@docusaurus\//] } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    environment: "node",
  },
});
