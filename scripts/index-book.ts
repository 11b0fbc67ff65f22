/**
 * `npm run index -- --docs <dir> [--route-base docs]`: brings the configured engine's index in
 * line with a Docusaurus docs folder (new and changed docs written, deleted docs removed).
 * `--report` prints what is inferred for each doc and `--suggest <file>` writes it as front matter
 * to review; both only read the book and leave the index alone.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { config } from "@/lib/config";
import { BookError, indexBook, inferenceReport, readBook, sampleBookDocsDir, suggestedFrontMatter } from "@/lib/content";
import { contentEngine } from "@/lib/personalization";
import { runScript } from "./run-script";

const usage = "usage: npm run index -- --docs <docs folder> [--route-base docs] [--report] [--suggest <file>]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: sampleBookDocsDir },
      "route-base": { type: "string", default: "docs" },
      report: { type: "boolean", default: false },
      suggest: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.report || values.suggest !== undefined) return explain(values.docs, values["route-base"], values.report, values.suggest);

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

/** The author's tools: read the book, say what inference makes of it, never touch the docs or the index. */
function explain(docsDir: string, routeBasePath: string, report: boolean, suggestFile: string | undefined): number {
  const docs = readBook(docsDir, { routeBasePath });
  if (report) console.log(inferenceReport(docs));
  if (suggestFile !== undefined) {
    const target = path.resolve(suggestFile);
    const relative = path.relative(path.resolve(docsDir), target);
    if (!suggestFile || (!relative.startsWith("..") && !path.isAbsolute(relative))) {
      throw new BookError(suggestFile || "--suggest", "write suggestions outside the docs folder (the author's files are never edited)");
    }
    writeFileSync(target, suggestedFrontMatter(docs));
    console.log(`suggestions for ${docs.filter((doc) => !doc.declared.level || !doc.declared.tracks).length} docs written to ${suggestFile}`);
  }
  return 0;
}

runScript(main, { failure: "failed", prefix: "index: ", explains: [BookError] });
