/**
 * `npm run index -- --docs <dir> [--route-base docs]`: brings the configured engine's index in
 * line with a Docusaurus docs folder (new and changed docs written, deleted docs removed).
 */
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { config } from "@/lib/config";
import { BookError, indexBook, sampleBookDocsDir } from "@/lib/content";
import { contentEngine } from "@/lib/personalization";
import { runScript } from "./run-script";

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

runScript(main, { failure: "failed", prefix: "index: ", explains: [BookError] });
