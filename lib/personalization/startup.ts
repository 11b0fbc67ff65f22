import path from "node:path";
import { indexBook, sampleBookDocsDir } from "@/lib/content";
import { logger } from "@/lib/http";
import { contentEngine } from "./engine";

/** `npm start` on a fresh machine: index the sample book when the engine holds nothing yet. */
export async function indexSampleBookIfEmpty(root = process.cwd()): Promise<void> {
  const engine = contentEngine();
  const chunks = await engine.chunkCount();
  if (chunks > 0) {
    logger().info({ engine: engine.name, chunks }, "content index ready");
    return;
  }
  const docsDir = path.join(root, sampleBookDocsDir);
  const started = performance.now();
  const report = await indexBook(docsDir, engine);
  logger().info({ engine: engine.name, docsDir: sampleBookDocsDir, ...report, ms: Math.round(performance.now() - started) }, "indexed the sample book (the index was empty)");
}
