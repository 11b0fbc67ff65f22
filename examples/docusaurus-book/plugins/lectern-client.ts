import path from "node:path";
import type { Plugin } from "@docusaurus/types";

/**
 * Lets the site `import … from "@lectern/client"` straight from Lectern's `lib/client` folder
 * (TypeScript source; Docusaurus transpiles it like the site's own). A site that copies the folder
 * points this alias at its copy instead. React resolves to the site's copy through Docusaurus's own
 * aliases, so the hooks share the site's React.
 */
export default function lecternClientPlugin(): Plugin {
  return {
    name: "lectern-client",
    configureWebpack: () => ({
      resolve: { alias: { "@lectern/client": path.resolve(__dirname, "../../../lib/client") } },
    }),
  };
}
