import path from "node:path";
import { indexBook, sampleBookDocsDir } from "@/lib/content";
import { logger } from "@/lib/http";
import { contentEngine } from "./engine";
import { UnsupportedQdrantError } from "./qdrant-version";

/**
 * `npm start` on a fresh machine: index the sample book when the engine holds nothing yet.
 * An unreachable engine must not stop accounts from serving, so failures are logged, not thrown;
 * /api/ready reports the engine until it answers. A Qdrant too old to serve is configuration
 * that cannot work: start-up stops with one line naming its version and the minimum.
 */
export async function indexSampleBookIfEmpty(root = process.cwd()): Promise<void> {
  const engine = contentEngine();
  try {
    const chunks = await engine.chunkCount();
    if (chunks > 0) {
      logger().info({ engine: engine.name, chunks }, "content index ready");
      return;
    }
    const started = performance.now();
    // Runs only in the serving process at start; the ignore keeps Next from tracing the whole
    // project into the server bundle because of this runtime path.
    const report = await indexBook(path.join(/*turbopackIgnore: true*/ root, sampleBookDocsDir), engine);
    logger().info(
      { engine: engine.name, docsDir: sampleBookDocsDir, ...report, ms: Math.round(performance.now() - started) },
      "indexed the sample book (the index was empty)",
    );
  } catch (error) {
    if (error instanceof UnsupportedQdrantError) throw error;
    logger().error(
      { engine: engine.name, error: error instanceof Error ? error.message : String(error) },
      "could not check or build the content index; personalization answers 503 until the engine is reachable (npm run index retries)",
    );
  }
}
