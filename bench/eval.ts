/**
 * `npm run eval` (and the end of `npm run bench`): how well Lectern reads a book it was not told
 * about, and how well it ranks, against targets. Exits non-zero when a target is missed.
 * - Inference: the sample book's front matter is hidden; the inferred level and tracks of each
 *   doc are compared with what its author wrote (per-track precision/recall/F1, level accuracy).
 * - Relevance: the judged query set (relevance-queries.ts) on each engine, nDCG@5 and recall@10 by page.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Row } from "./measure";

/** The shape of a bench section (sections.ts), written out so this file stands on its own. */
type BenchSection = (context: object) => Promise<{ title: string; rows: Row[] }>;

type ContentEngine = import("@/lib/personalization").ContentEngine;

const trackTargetF1 = 0.8;
const levelTargetExact = 0.6;

const fixed = (value: number) => value.toFixed(2);

async function inferenceRows(docsDir: string): Promise<Row[]> {
  const { contentTracks, levelSteps, readBook } = await import("@/lib/content");
  // Inference never reads the declared level or tracks, so one read gives both the answer and the key.
  const docs = readBook(docsDir).filter((doc) => doc.declared.level && doc.declared.tracks);
  const rows: Row[] = [];
  for (const track of contentTracks) {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const doc of docs) {
      const declared = doc.declared.tracks!.includes(track);
      const inferred = doc.inference.tracks.some((candidate) => candidate.track === track);
      if (declared && inferred) truePositives++;
      else if (inferred) falsePositives++;
      else if (declared) falseNegatives++;
    }
    const precision = truePositives / Math.max(truePositives + falsePositives, 1);
    const recall = truePositives / Math.max(truePositives + falseNegatives, 1);
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    rows.push({
      measure: `inferred ${track} track (${docs.length} docs, front matter hidden)`,
      value: `P ${fixed(precision)} R ${fixed(recall)} F1 ${fixed(f1)}`,
      target: `F1 >= ${trackTargetF1}`,
      pass: f1 >= trackTargetF1,
    });
  }
  const steps = docs.map((doc) => levelSteps(doc.declared.level!, doc.inference.level.level));
  const exact = steps.filter((step) => step === 0).length / docs.length;
  const withinOne = steps.filter((step) => step <= 1).length / docs.length;
  rows.push({ measure: "inferred level, exact", value: fixed(exact), target: `>= ${levelTargetExact}`, pass: exact >= levelTargetExact });
  rows.push({ measure: "inferred level, within one step", value: fixed(withinOne), target: "1.00 (never two steps off)", pass: withinOne === 1 });
  // How much the chapter order carries: the same, as if the book had no order (reported, no target).
  const unordered = readBook(docsDir, { ignoreBookOrder: true }).filter((doc) => doc.declared.level);
  const unorderedSteps = unordered.map((doc) => levelSteps(doc.declared.level!, doc.inference.level.level));
  rows.push({
    measure: "inferred level without the book's order: exact / within one",
    value: `${fixed(unorderedSteps.filter((step) => step === 0).length / unordered.length)} / ${fixed(unorderedSteps.filter((step) => step <= 1).length / unordered.length)}`,
    target: "reported",
    pass: null,
  });
  return rows;
}

/** nDCG@5 and recall@10 over pages (a page counts once, where it first appears). */
async function relevanceRows(engine: ContentEngine): Promise<Row[]> {
  const { personalize } = await import("@/lib/personalization");
  const { judgedQueries } = await import("./relevance-queries");
  let ndcgSum = 0;
  let recallSum = 0;
  for (const judged of judgedQueries) {
    const { results } = await personalize({ q: judged.q, limit: 10 }, null, engine);
    const pages = [...new Set(results.map((result) => result.url.split("#")[0]!))];
    const gains = pages.slice(0, 5).map((page) => judged.pages[page] ?? 0);
    const ideal = Object.values(judged.pages)
      .sort((a, b) => b - a)
      .slice(0, 5);
    const dcg = (values: number[]) => values.reduce<number>((sum, gain, rank) => sum + (2 ** gain - 1) / Math.log2(rank + 2), 0);
    ndcgSum += dcg(gains) / dcg(ideal);
    const relevant = Object.keys(judged.pages);
    recallSum += relevant.filter((page) => pages.slice(0, 10).includes(page)).length / relevant.length;
  }
  const count = judgedQueries.length;
  return [
    { measure: `${engine.name}: nDCG@5 over ${count} judged queries`, value: fixed(ndcgSum / count), target: "reported", pass: null },
    { measure: `${engine.name}: recall@10 over ${count} judged queries`, value: fixed(recallSum / count), target: "reported", pass: null },
  ];
}

/** A Qdrant engine on a throwaway collection when QDRANT_URL is set; the embedded engine always. */
async function enginesToJudge(): Promise<{ engine: ContentEngine; drop: () => Promise<void> }[]> {
  const { createQdrantEngine, postgresEngine } = await import("@/lib/personalization");
  const engines = [{ engine: postgresEngine, drop: async () => {} }];
  const url = process.env.QDRANT_URL;
  if (url) {
    const collection = `lectern_eval_${process.pid}`;
    const { QdrantClient } = await import("@qdrant/js-client-rest");
    const client = new QdrantClient({ url, apiKey: process.env.QDRANT_API_KEY, checkCompatibility: false });
    engines.push({
      engine: createQdrantEngine({ url, apiKey: process.env.QDRANT_API_KEY, collection, timeoutMs: 5000 }),
      drop: async () => void (await client.deleteCollection(collection)),
    });
  }
  return engines;
}

/** Runs both evaluations on a fresh in-memory database: the rows, with their targets. */
async function evaluationRows(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lectern-eval-"));
  process.env.DATA_DIR ??= dataDir;
  process.env.LOG_LEVEL ??= "warn";
  const { closeDatabase, migrate, openDatabase, installDatabaseHandle } = await import("@/db");
  const { indexBook, sampleBookDocsDir } = await import("@/lib/content");
  const docsDir = path.resolve(import.meta.dirname, "..", sampleBookDocsDir);
  const rows = await inferenceRows(docsDir);

  const handle = await openDatabase({ memory: true });
  await migrate(handle);
  installDatabaseHandle(handle);
  for (const { engine, drop } of await enginesToJudge()) {
    try {
      await indexBook(docsDir, engine);
      rows.push(...(await relevanceRows(engine)));
    } finally {
      await drop();
    }
  }
  if (!process.env.QDRANT_URL) rows.push({ measure: "qdrant: nDCG@5 and recall@10", value: "not measured", target: "set QDRANT_URL", pass: null });
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

const title = "Inference on the sample book with its front matter hidden, and relevance of the judged queries";

/**
 * The bench's section (sections.ts): the evaluation runs in its own process, on its own in-memory
 * database and engines, so it neither sees nor disturbs the database the bench was given.
 */
export const benchEvaluation: BenchSection = async () => {
  const root = path.resolve(import.meta.dirname, "..");
  const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["bench/eval.ts", "--json"], { cwd: root, maxBuffer: 1 << 22 });
  // Log lines (JSON objects) may share stdout; the rows are the one JSON array.
  const rowsLine = stdout.split("\n").findLast((line) => line.startsWith("["));
  if (!rowsLine) throw new Error(`bench/eval.ts --json printed no rows:\n${stdout}`);
  return { title, rows: JSON.parse(rowsLine) as Row[] };
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await evaluationRows();
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows));
  else {
    const { printTable } = await import("./measure");
    process.exitCode = printTable(`Lectern eval: ${title.toLowerCase()}`, rows) ? 1 : 0;
  }
}
