/**
 * `npm run eval` (and the end of `npm run bench`): how well Lectern reads books it was not told
 * about, and how well it ranks them, against targets (docs/evaluation.md).
 * - Books: the sample book (its front matter hidden from the inference; its level and tracks are the
 *   key) and the public books in bench/books, labelled by hand before Lectern read them.
 * - Inference: level exact and within one step, tracks precision/recall (all tracks, and per track),
 *   hardware recall, and the level as if the book had no order.
 * - Ranking, per engine (the embedded Postgres FTS always; Qdrant when QDRANT_URL is set): nDCG@5 of
 *   the judged queries for four readers, Continue against the sidebar's order, the guest's #1 in
 *   every reader's top 3, and an expert's top 5 without a query.
 * A target not reached yet carries a floor (bench/measure.ts): MISS above it, FAIL below it.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Row } from "./measure";
import type { GradedQuery, HandLabel } from "./relevance-queries";

/** The shape of a bench section (sections.ts), written out so this file stands on its own. */
type BenchSection = (context: object) => Promise<{ title: string; rows: Row[] }>;

type ContentEngine = import("@/lib/personalization").ContentEngine;
type Background = import("@/lib/contract").Background;
type ContentLevel = import("@/lib/contract").ContentLevel;
type ContentTrack = import("@/lib/contract").ContentTrack;

/** A book as the eval sees it: the key it is judged against, where its docs are, and the docs Lectern could not read. */
type EvalBook = { name: string; docsDir: string; labels: Map<string, HandLabel>; queries: GradedQuery[]; order: string[]; unread: string[] };

/** The issue's targets (held-out labels). */
const targets = { levelExact: 0.8, tracksPrecision: 0.85, tracksRecall: 0.85, hardwareRecall: 0.8 };

/**
 * Floors: the figures of the latest run that raised them (2026-12-07, docs/evaluation.md, "What each
 * change bought") less a margin, about 0.05-0.1 on a share of labels and one reader or doc on a count.
 * Between floor and target a row is MISS; below its floor, FAIL. Keyed "<book>|<measure key>"; a row without a floor fails below target.
 */
const floors: Record<string, number> = {
  "sample|trackR": 0.75,
  "zmk|level": 0.55,
  "zmk|trackP": 0.75,
  "zmk|trackR": 0.8,
  "zmk|hardwareR": 0.85,
  "python-tutorial|level": 0.65,
  "python-tutorial|trackR": 0.75,
  "jest|trackP": 0.78,
  "jest|trackR": 0.76,
  "overall|level": 0.68,
  "overall|trackP": 0.78,
  "overall|trackR": 0.78,
  "overall|hardwareR": 0.85,
};

/** The readers a ranking is judged for (DESIGN's background enums). */
const profiles: { name: string; background: Background | null }[] = [
  { name: "guest", background: null },
  { name: "novice", background: { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } },
  { name: "software expert", background: { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "none" } },
  { name: "hardware expert", background: { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "advanced" } },
];
/** An expert's own level is advanced; "at or one step below" it. */
const expertLevels = new Set<ContentLevel>(["advanced", "intermediate"]);
/** The hardware expert's top 5 is judged only on books with this many hardware sections (the others have nothing for them). */
const hardwareBookMinimum = 5;

const fixed = (value: number) => value.toFixed(2);
const ratio = (part: number, whole: number) => (whole ? part / whole : 0);
const pageOf = (url: string) => url.split("#")[0]!;

/** A row with a target; a floor, when one is set for it, turns a miss above it into MISS. */
function targetRow(book: string, key: string, measure: string, value: number, target: number, shown = fixed(value)): Row {
  const floor = floors[`${book}|${key}`];
  return {
    measure,
    value: shown,
    target: `>= ${fixed(target)}`,
    pass: value >= target,
    ...(floor === undefined ? {} : { floor: { text: `>= ${fixed(floor)}`, held: value >= floor } }),
  };
}

/** Counts pooled over books for the overall rows. */
type Tally = {
  labelled: number;
  exact: number;
  withinOne: number;
  tracks: Record<ContentTrack, { tp: number; fp: number; fn: number }>;
  ndcg: Record<string, number[]>;
  continues: { followed: number; of: number };
  guestFirst: { held: number; of: number };
  expertTop5: { held: number; of: number };
};

function newTally(): Tally {
  return {
    labelled: 0,
    exact: 0,
    withinOne: 0,
    tracks: { software: { tp: 0, fp: 0, fn: 0 }, programming: { tp: 0, fp: 0, fn: 0 }, hardware: { tp: 0, fp: 0, fn: 0 } },
    ndcg: Object.fromEntries(profiles.map((profile) => [profile.name, []])),
    continues: { followed: 0, of: 0 },
    guestFirst: { held: 0, of: 0 },
    expertTop5: { held: 0, of: 0 },
  };
}

function inferenceTallyRows(name: string, tally: Tally): Row[] {
  const all = Object.values(tally.tracks).reduce((sum, count) => ({ tp: sum.tp + count.tp, fp: sum.fp + count.fp, fn: sum.fn + count.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const precision = ratio(all.tp, all.tp + all.fp);
  const recall = ratio(all.tp, all.tp + all.fn);
  const perTrack = Object.entries(tally.tracks)
    .map(([track, count]) => `${track} P ${fixed(ratio(count.tp, count.tp + count.fp))} R ${fixed(ratio(count.tp, count.tp + count.fn))}`)
    .join("; ");
  const hardware = tally.tracks.hardware;
  const exact = ratio(tally.exact, tally.labelled);
  return [
    targetRow(
      name,
      "level",
      `${name}: level exact (${tally.labelled} labelled)`,
      exact,
      targets.levelExact,
      `${fixed(exact)} (${tally.exact}/${tally.labelled})`,
    ),
    {
      measure: `${name}: level within one step`,
      value: `${fixed(ratio(tally.withinOne, tally.labelled))} (${tally.withinOne}/${tally.labelled})`,
      target: "reported",
      pass: null,
    },
    targetRow(name, "trackP", `${name}: tracks precision (all tracks)`, precision, targets.tracksPrecision),
    targetRow(name, "trackR", `${name}: tracks recall (all tracks)`, recall, targets.tracksRecall),
    { measure: `${name}: tracks per track`, value: perTrack, target: "reported", pass: null },
    ...(hardware.tp + hardware.fn
      ? [
          targetRow(
            name,
            "hardwareR",
            `${name}: hardware recall`,
            ratio(hardware.tp, hardware.tp + hardware.fn),
            targets.hardwareRecall,
            `${fixed(ratio(hardware.tp, hardware.tp + hardware.fn))} (${hardware.tp}/${hardware.tp + hardware.fn})`,
          ),
        ]
      : []),
  ];
}

/** Inference against the key: the docs read with their front matter hidden. */
async function inferenceRows(book: EvalBook, tally: Tally, overall: Tally): Promise<Row[]> {
  const { contentTracks, levelSteps, readBook } = await import("@/lib/content");
  const byFile = new Map(readBook(book.docsDir, { ignoreDeclaredLevels: true }).map((doc) => [doc.file, doc]));
  for (const [file, label] of book.labels) {
    const doc = byFile.get(file);
    if (!doc) throw new Error(`${book.name}: the labels name ${file}, which the book does not have`);
    const steps = levelSteps(label.level, doc.inference.level.level);
    for (const count of [tally, overall]) {
      count.labelled++;
      if (steps === 0) count.exact++;
      if (steps <= 1) count.withinOne++;
    }
    const inferred = new Set(doc.inference.tracks.map((candidate) => candidate.track));
    for (const track of contentTracks) {
      const labelled = label.tracks.includes(track);
      const key = labelled && inferred.has(track) ? "tp" : inferred.has(track) ? "fp" : labelled ? "fn" : null;
      if (key) for (const count of [tally, overall]) count.tracks[track][key]++;
    }
  }
  // How much the book's order carries: the level as if the docs had no order (reported).
  const unordered = new Map(readBook(book.docsDir, { ignoreDeclaredLevels: true, ignoreBookOrder: true }).map((doc) => [doc.file, doc]));
  const unorderedExact = [...book.labels].filter(([file, label]) => unordered.get(file)?.inference.level.level === label.level).length;
  return [
    ...inferenceTallyRows(book.name, tally),
    { measure: `${book.name}: level exact without the book's order`, value: fixed(ratio(unorderedExact, book.labels.size)), target: "reported", pass: null },
  ];
}

const dcg = (gains: number[]) => gains.reduce((sum, gain, rank) => sum + (2 ** gain - 1) / Math.log2(rank + 2), 0);

/** Ranking rows of one book on one engine: it must be the book indexed in `engine` right now. */
async function rankingRows(
  book: EvalBook,
  engine: ContentEngine,
  readers: Map<string, { userId: string; background: Background } | null>,
  tally: Tally,
  overall: Tally,
) {
  const { readBook } = await import("@/lib/content");
  const { bookSections, personalize } = await import("@/lib/personalization");
  const { continueFrom } = await import("@/lib/reading");
  const docs = readBook(book.docsDir);
  const pageOfFile = new Map(docs.map((doc) => [doc.file, pageOf(doc.chunks[0]?.url ?? `/${doc.docId}`)]));
  const fileOfPage = new Map([...pageOfFile].map(([file, page]) => [page, file]));
  const label = (url: string) => book.labels.get(fileOfPage.get(pageOf(url)) ?? "");
  const prefix = `${engine.name}: ${book.name}`;
  const rows: Row[] = [];

  // nDCG@5 over pages (a page counts once, where it first appears), graded gains 0-3.
  const firsts: { q: string; urls: Map<string, string[]> }[] = [];
  const ndcgByProfile = new Map<string, number[]>(profiles.map((profile) => [profile.name, []]));
  for (const judged of book.queries) {
    const urls = new Map<string, string[]>();
    for (const profile of profiles) {
      const { results } = await personalize({ q: judged.q, limit: 10 }, readers.get(profile.name) ?? null, engine);
      urls.set(
        profile.name,
        results.map((result) => result.url),
      );
      const pages = [...new Set(results.map((result) => fileOfPage.get(pageOf(result.url)) ?? result.url))];
      const ideal = Object.values(judged.grades)
        .sort((a, b) => b - a)
        .slice(0, 5);
      const value = dcg(pages.slice(0, 5).map((file) => judged.grades[file] ?? 0)) / dcg(ideal);
      ndcgByProfile.get(profile.name)!.push(value);
      for (const count of [tally, overall]) count.ndcg[profile.name]!.push(value);
    }
    firsts.push({ q: judged.q, urls });
  }
  const mean = (values: number[]) =>
    ratio(
      values.reduce((sum, value) => sum + value, 0),
      values.length,
    );
  rows.push({
    measure: `${prefix}: nDCG@5 (${book.queries.length} queries) ${profiles.map((profile) => profile.name).join(" / ")}`,
    value: profiles.map((profile) => fixed(mean(ndcgByProfile.get(profile.name)!))).join(" / "),
    target: "reported",
    pass: null,
  });

  // On a query, the guest's #1 stays in every reader's top 3.
  const slipped: string[] = [];
  for (const { q, urls } of firsts) {
    const guestFirst = urls.get("guest")![0];
    const held = !guestFirst || profiles.every((profile) => urls.get(profile.name)!.slice(0, 3).includes(guestFirst));
    if (!held) slipped.push(q);
  }
  const heldFirst = firsts.length - slipped.length;
  for (const count of [tally, overall]) count.guestFirst = { held: count.guestFirst.held + heldFirst, of: count.guestFirst.of + firsts.length };
  rows.push({
    ...targetRow(book.name, "guestFirst", `${prefix}: guest's #1 in every reader's top 3`, ratio(heldFirst, firsts.length), 1, `${heldFirst}/${firsts.length}`),
    ...(slipped.length ? { measure: `${prefix}: guest's #1 in every reader's top 3 (not: "${slipped.slice(0, 2).join('", "')}")` } : {}),
  });

  // Without a query, an expert's top 5 holds at least three sections at or one step below their level.
  const hardwareSections = [...book.labels.values()].filter((entry) => entry.tracks.includes("hardware")).length;
  const experts = ["software expert", ...(hardwareSections >= hardwareBookMinimum ? ["hardware expert"] : [])];
  const expertCounts: string[] = [];
  let expertsHeld = 0;
  for (const expert of experts) {
    const { results } = await personalize({ limit: 10 }, readers.get(expert) ?? null, engine);
    const atLevel = results.slice(0, 5).filter((result) => {
      const entry = label(result.url);
      return entry !== undefined && expertLevels.has(entry.level);
    }).length;
    if (atLevel >= 3) expertsHeld++;
    expertCounts.push(`${expert} ${atLevel}/5`);
  }
  for (const count of [tally, overall]) count.expertTop5 = { held: count.expertTop5.held + expertsHeld, of: count.expertTop5.of + experts.length };
  rows.push(
    targetRow(
      book.name,
      "expertTop5",
      `${prefix}: expert's top 5, no query, >= 3 at or one below their level`,
      ratio(expertsHeld, experts.length),
      1,
      expertCounts.join("; "),
    ),
  );

  // Continue from each doc's last section offers the next doc of the sidebar.
  const sections = await bookSections(engine);
  const strays: string[] = [];
  for (let index = 0; index < book.order.length - 1; index++) {
    const page = pageOfFile.get(book.order[index]!);
    const last = sections.findLast((section) => pageOf(section.url) === page);
    const next = last ? continueFrom([{ url: last.url, state: "read", updatedAt: new Date() }], sections, null) : null;
    if (!next || fileOfPage.get(pageOf(next.url)) !== book.order[index + 1]) strays.push(book.order[index]!);
  }
  const followed = book.order.length - 1 - strays.length;
  for (const count of [tally, overall]) count.continues = { followed: count.continues.followed + followed, of: count.continues.of + book.order.length - 1 };
  rows.push({
    ...targetRow(
      book.name,
      "continue",
      `${prefix}: Continue follows the sidebar`,
      ratio(followed, book.order.length - 1),
      1,
      `${followed}/${book.order.length - 1}`,
    ),
    ...(strays.length ? { measure: `${prefix}: Continue follows the sidebar (not after ${strays.slice(0, 2).join(", ")})` } : {}),
  });
  return rows;
}

function rankingTallyRows(name: string, tally: Tally): Row[] {
  const mean = (values: number[]) =>
    ratio(
      values.reduce((sum, value) => sum + value, 0),
      values.length,
    );
  const queries = tally.ndcg.guest!.length;
  return [
    {
      measure: `${name}: nDCG@5 (${queries} queries) ${profiles.map((profile) => profile.name).join(" / ")}`,
      value: profiles.map((profile) => fixed(mean(tally.ndcg[profile.name]!))).join(" / "),
      target: "reported",
      pass: null,
    },
    targetRow(
      name,
      "guestFirst",
      `${name}: guest's #1 in every reader's top 3`,
      ratio(tally.guestFirst.held, tally.guestFirst.of),
      1,
      `${tally.guestFirst.held}/${tally.guestFirst.of}`,
    ),
    targetRow(
      name,
      "expertTop5",
      `${name}: expert's top 5 holds >= 3 at or one below`,
      ratio(tally.expertTop5.held, tally.expertTop5.of),
      1,
      `${tally.expertTop5.held}/${tally.expertTop5.of}`,
    ),
    targetRow(
      name,
      "continue",
      `${name}: Continue follows the sidebar`,
      ratio(tally.continues.followed, tally.continues.of),
      1,
      `${tally.continues.followed}/${tally.continues.of}`,
    ),
  ];
}

/**
 * A book Lectern can read: a doc it refuses (it names the file) is left out of a copy of the book,
 * so the other docs are still measured, and the refusal is a row of its own. The labels and the
 * sidebar order then skip that doc; its judged queries keep it (a reader cannot find it either).
 */
async function readableBook(book: EvalBook, scratch: string): Promise<EvalBook> {
  const { BookError, readBook } = await import("@/lib/content");
  const site = path.dirname(book.docsDir);
  const unread: string[] = [];
  let docsDir = book.docsDir;
  for (;;) {
    try {
      readBook(docsDir, { ignoreDeclaredLevels: true });
      break;
    } catch (error) {
      if (!(error instanceof BookError) || unread.length >= 10) throw error;
      const file = path.relative(docsDir, error.file.replace(/:\d+$/, "")).split(path.sep).join("/");
      if (file.startsWith("..") || unread.includes(file)) throw error;
      unread.push(file);
      console.warn(`eval: ${book.name}: Lectern does not read ${error.message}; measuring the book without it`);
      const copy = path.join(scratch, `${book.name}-${unread.length}`);
      const skipped = new Set(unread);
      cpSync(site, copy, { recursive: true, filter: (source) => !skipped.has(path.relative(book.docsDir, source).split(path.sep).join("/")) });
      docsDir = path.join(copy, path.basename(book.docsDir));
    }
  }
  const skipped = new Set(unread);
  return {
    ...book,
    docsDir,
    labels: new Map([...book.labels].filter(([file]) => !skipped.has(file))),
    order: book.order.filter((file) => !skipped.has(file)),
    unread,
  };
}

function readRow(book: EvalBook): Row {
  const docs = book.order.length + book.unread.length;
  return {
    measure: `${book.name}: docs Lectern reads${book.unread.length ? ` (not: ${book.unread.join(", ")})` : ""}`,
    value: `${docs - book.unread.length}/${docs}`,
    target: "every doc",
    pass: book.unread.length === 0,
  };
}

/** The sample book, keyed by its own front matter, and the labelled public books. */
async function booksToJudge(): Promise<EvalBook[]> {
  const { readBook, sampleBookDocsDir } = await import("@/lib/content");
  const { judgedQueries, labelledBook, labelledBookNames, sampleBookOrder } = await import("./relevance-queries");
  const docsDir = path.resolve(import.meta.dirname, "..", sampleBookDocsDir);
  const docs = readBook(docsDir);
  const labels = new Map<string, HandLabel>();
  for (const doc of docs)
    if (doc.declared.level && doc.declared.tracks) labels.set(doc.file, { level: doc.declared.level, tracks: doc.declared.tracks, why: "front matter" });
  const fileOfPage = new Map(docs.map((doc) => [pageOf(doc.chunks[0]?.url ?? ""), doc.file]));
  const queries = judgedQueries.map(({ q, pages }) => ({
    q,
    grades: Object.fromEntries(Object.entries(pages).map(([page, grade]) => [fileOfPage.get(page) ?? page, grade])),
  }));
  return [
    { name: "sample", docsDir, labels, queries, order: sampleBookOrder, unread: [] },
    ...labelledBookNames.map((name) => ({ ...labelledBook(name), unread: [] })),
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

/** Runs the evaluation on a fresh in-memory database: the rows, with their targets. */
async function evaluationRows(): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lectern-eval-"));
  process.env.DATA_DIR ??= dataDir;
  process.env.LOG_LEVEL ??= "warn";
  const { closeDatabase, migrate, openDatabase, schema, installDatabaseHandle } = await import("@/db");
  const { indexBook } = await import("@/lib/content");
  const scratch = mkdtempSync(path.join(tmpdir(), "lectern-eval-books-"));
  const books: EvalBook[] = [];
  for (const book of await booksToJudge()) books.push(await readableBook(book, scratch));

  const rows: Row[] = [];
  const overallInference = newTally();
  for (const book of books) rows.push(readRow(book), ...(await inferenceRows(book, newTally(), overallInference)));
  rows.push(...inferenceTallyRows("overall", overallInference));

  const handle = await openDatabase({ memory: true });
  await migrate(handle);
  installDatabaseHandle(handle);
  // Each reader is a real account, as a signed-in reader's personalization needs.
  const readers = new Map<string, { userId: string; background: Background } | null>();
  for (const profile of profiles) {
    if (!profile.background) continue;
    const userId = `eval-${profile.name.replace(/\s+/g, "-")}`;
    await handle.db.insert(schema.user).values({ id: userId, name: "", email: `${userId}@eval.example` });
    readers.set(profile.name, { userId, background: profile.background });
  }
  for (const { engine, drop } of await enginesToJudge()) {
    try {
      const overall = newTally();
      for (const book of books) {
        // Indexing a book replaces the one before: the engine holds one book at a time.
        await indexBook(book.docsDir, engine);
        rows.push(...(await rankingRows(book, engine, readers, newTally(), overall)));
      }
      rows.push(...rankingTallyRows(`${engine.name}: overall`, overall));
    } finally {
      await drop();
    }
  }
  if (!process.env.QDRANT_URL) rows.push({ measure: "qdrant: the ranking rows", value: "not measured", target: "set QDRANT_URL", pass: null });
  await closeDatabase();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  return rows;
}

const title = "Inference and ranking on the sample book and three public books, against labels written by hand";

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
