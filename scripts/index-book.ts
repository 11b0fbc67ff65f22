/**
 * `npm run index -- --docs <dir> [--route-base docs]`: brings the configured engine's index in
 * line with a Docusaurus docs folder (new and changed docs written, deleted docs removed).
 */
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { closeDatabase, DatabaseInUseError } from "@/db";
import { config, ConfigError } from "@/lib/config";
import { BookError, indexBook, sampleBookDocsDir } from "@/lib/content";
import { ApiError } from "@/lib/http";
import { contentEngine } from "@/lib/personalization";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: sampleBookDocsDir },
      "route-base": { type: "string", default: "docs" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("usage: npm run index -- --docs <docs folder> [--route-base docs]");
    return 0;
  }
  config();
  const engine = contentEngine();
  const bar = new SingleBar({ format: "indexing [{bar}] {value}/{total} docs {doc}", hideCursor: true }, Presets.shades_classic);
  let started = false;
  const report = await indexBook(values.docs, engine, {
    routeBasePath: values["route-base"],
    onProgress: (done, total, docId) => {
      if (!started) {
        bar.start(total, 0, { doc: "" });
        started = true;
      }
      bar.update(done, { doc: docId ?? "" });
    },
  }).finally(() => started && bar.stop());
  console.log(
    `${engine.name}: ${report.added} added, ${report.changed} changed, ${report.removed} removed, ${report.unchanged} unchanged (${report.chunks} chunks in the book)`,
  );
  return 0;
}

main()
  .catch((error: unknown) => {
    if (error instanceof BookError || error instanceof ConfigError || error instanceof DatabaseInUseError) console.error(`index: ${error.message}`);
    else if (error instanceof ApiError) console.error(`index: ${error.message}`);
    else console.error("index: failed:", error instanceof Error ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await closeDatabase().catch(() => {});
    process.exit(code);
  });
