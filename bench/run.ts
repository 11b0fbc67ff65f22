/**
 * `npm run bench`: personalization latency on the embedded engine (in-memory PGlite, the
 * sample book), indexing throughput, the accounts API through its real route handlers, and
 * memory, against targets; then each section of `sections.ts` (the production server under
 * load, and what other benches add). One table; exits non-zero when a target is missed.
 *
 * `npm run bench -- --database-url postgres://…` (or BENCH_DATABASE_URL): the sections run on
 * that Postgres database instead of the embedded one, and the in-process rows (embedded by
 * design) are left out. Run it under `flock /tmp/lectern-heavy.lock` (it builds and serves).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dataDir = mkdtempSync(path.join(tmpdir(), "lectern-bench-"));
process.env.DATA_DIR = dataDir; // generated secrets go here, not into the real .data
process.env.LOG_LEVEL ??= "warn";

const { closeDatabase, migrate, openDatabase, schema, installDatabaseHandle } = await import("@/db");
const { indexBook, readBook, sampleBookDocsDir } = await import("@/lib/content");
const { personalize, postgresEngine } = await import("@/lib/personalization");
type Background = import("@/lib/contract").Background;

const { iterations, latency: measure, printTable } = await import("./measure");
const { benchSections } = await import("./sections");
const { benchAccounts } = await import("./accounts");
type Row = import("./measure").Row;
const queries = ["motor", "PID tuning", "ROS 2 topics", "humanoid balance", "real-time control loop", "sensor fusion kalman", "simulation"];
const reader = {
  userId: "bench-reader",
  background: { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "none" } satisfies Background,
};

const rows: Row[] = [];
const latency = (label: string, run: (i: number) => Promise<unknown>, p95TargetMs: number) => measure(rows, label, run, p95TargetMs);

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const databaseUrl = flag("--database-url") ?? process.env.BENCH_DATABASE_URL;

async function main() {
  if (databaseUrl) return runSections(`Lectern bench on the Postgres server (${new URL(databaseUrl).pathname.slice(1)})`);
  const handle = await openDatabase({ memory: true });
  await migrate(handle);
  installDatabaseHandle(handle);
  // The reader personalizes as a real account would: its searches count for the authors.
  await handle.db.insert(schema.user).values({ id: reader.userId, name: "", email: "bench-reader@bench.example" });
  const openedRssMb = process.memoryUsage().rss / 1024 / 1024;
  const docsDir = path.resolve(import.meta.dirname, "..", sampleBookDocsDir);

  const book = readBook(docsDir);
  const chunks = book.reduce((sum, doc) => sum + doc.chunks.length, 0);
  const started = performance.now();
  await indexBook(docsDir, postgresEngine);
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    measure: `indexing the sample book (${book.length} docs, ${chunks} chunks)`,
    value: `${(chunks / seconds).toFixed(0)} chunks/s (${(seconds * 1000).toFixed(0)} ms)`,
    target: "> 200 chunks/s",
    pass: chunks / seconds > 200,
  });
  const again = performance.now();
  await indexBook(docsDir, postgresEngine);
  rows.push({
    measure: "re-indexing an unchanged book",
    value: `${(performance.now() - again).toFixed(0)} ms`,
    target: "< 500 ms",
    pass: performance.now() - again < 500,
  });

  const q = (i: number) => queries[i % queries.length];
  // A fresh engine object per request: ranked answers are kept per engine (ADR-0025), and these
  // rows measure the ranking itself, as a query nobody asked in the last 30 s meets it.
  const searching = () => ({ ...postgresEngine });
  await latency("guest, with q", (i) => personalize({ q: q(i), limit: 10 }, null, searching()), 50);
  await latency("guest, no q (chapter)", () => personalize({ chapter: "sensing", limit: 10 }, null, searching()), 50);
  await latency("reader, with q", (i) => personalize({ q: q(i), limit: 10 }, reader, searching()), 50);
  await latency("reader, no q (whole book)", () => personalize({ limit: 10 }, reader, searching()), 50);

  // The same book forty times over (each chapter copied under new names): a textbook-sized index.
  const copies = 40;
  const largeBook = path.join(dataDir, "large-book");
  for (let copy = 1; copy <= copies; copy++) {
    for (const chapter of readdirSync(docsDir)) cpSync(path.join(docsDir, chapter), path.join(largeBook, `${chapter}-${copy}`), { recursive: true });
  }
  const largeChunks = chunks * copies;
  const largeStarted = performance.now();
  await indexBook(largeBook, postgresEngine);
  const largeSeconds = (performance.now() - largeStarted) / 1000;
  rows.push({
    measure: `indexing a ${book.length * copies}-doc book (${largeChunks} chunks)`,
    value: `${(largeChunks / largeSeconds).toFixed(0)} chunks/s (${(largeSeconds * 1000).toFixed(0)} ms)`,
    target: "> 200 chunks/s",
    pass: largeChunks / largeSeconds > 200,
  });
  await latency(`reader, with q, ${largeChunks}-chunk book`, (i) => personalize({ q: q(i), limit: 10 }, reader, searching()), 50);
  await latency(`reader, no q, ${largeChunks}-chunk book`, () => personalize({ limit: 10 }, reader, searching()), 50);

  rows.push(...(await benchAccounts()));

  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  // PGlite maps most of its WASM heap when it opens; what matters is the total and the growth.
  rows.push({
    measure: "resident memory (RSS) after the runs",
    value: `${rssMb.toFixed(0)} MB (${openedRssMb.toFixed(0)} MB once PGlite opened)`,
    target: "< 1024 MB",
    pass: rssMb < 1024,
  });
  const growth = rssMb - openedRssMb;
  rows.push({ measure: `RSS change over indexing + all requests`, value: `${growth.toFixed(0)} MB`, target: "< 100 MB", pass: growth < 100 });

  await closeDatabase();
  rows.unshift({
    measure: `— in process: embedded engine (PGlite in memory), ${iterations} requests per personalization row —`,
    value: "",
    target: "",
    pass: null,
  });
  return runSections("Lectern bench on the embedded database");
}

/** Each section's rows under its title, after the in-process rows: one table. */
async function runSections(title: string): Promise<number> {
  for (const section of benchSections) {
    const started = performance.now();
    const { title: sectionTitle, rows: sectionRows } = await section({ databaseUrl, redisUrl: process.env.BENCH_REDIS_URL });
    // What each section costs CI's budget (docs/performance.md), printed as it ends.
    console.log(`bench: ${sectionTitle}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
    rows.push({ measure: `— ${sectionTitle} —`, value: "", target: "", pass: null }, ...sectionRows);
  }
  const failed = printTable(title, rows);
  rmSync(dataDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

process.exitCode = await main();
