import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { BookError, parseFrontMatter, type ContentLevel, type ContentTrack, type DocFrontMatter } from "./front-matter";
import { splitIntoSections, type Section } from "./chunking";
import { inferDoc, inferenceReasons, type DocInference } from "./inference";

/** Which of a chunk's level and tracks were inferred rather than written, and why, in words. */
export type InferredFlags = { level: boolean; tracks: boolean; reasons: string[] };

/** What the engines store for one chunk. */
export type ContentChunk = {
  /** Stable: the same doc and anchor always give the same id (a UUID, as Qdrant requires). */
  id: string;
  docId: string;
  position: number;
  chapter: string;
  section: string;
  title: string;
  url: string;
  level: ContentLevel;
  tracks: ContentTrack[];
  inferred: InferredFlags;
  body: string;
};

export type BookDoc = {
  docId: string;
  file: string;
  title: string;
  /** Changes whenever anything that shapes the doc's chunks changes. */
  hash: string;
  /** What the author wrote in front matter (null: not written). */
  declared: { level: ContentLevel | null; tracks: ContentTrack[] | null };
  /** What the text says, whether or not the author wrote it (front matter always wins in the chunks). */
  inference: DocInference;
  chunks: ContentChunk[];
};

export type BookOptions = {
  /** Docusaurus docs `routeBasePath` (the sample book uses "docs"). */
  routeBasePath?: string;
  /** Ignore front-matter `level` and `tracks`, as if the author never wrote them (the inference eval). */
  ignoreDeclaredLevels?: boolean;
  /** Infer as if the docs had no order (the eval measures how much the order carries). */
  ignoreBookOrder?: boolean;
};

/** Bumped when chunking changes, so every doc is re-indexed once. */
const chunkerVersion = "2";
const docExtensions = new Set([".md", ".mdx"]);

/** Reads every doc of a Docusaurus docs folder (skipping `_partials` and drafts) into chunks. */
export function readBook(docsDir: string, options: BookOptions = {}): BookDoc[] {
  const root = path.resolve(docsDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new BookError(docsDir, "not a folder of docs");
  }
  const base = `/${(options.routeBasePath ?? "docs").replace(/^\/+|\/+$/g, "")}`.replace(/\/$/, "");
  const parsed = listDocFiles(root).flatMap((file) => {
    const doc = parseDoc(root, file, path.join(docsDir, file), options);
    return doc ? [doc] : [];
  });
  const seen = new Map<string, string>();
  for (const doc of parsed) {
    const other = seen.get(doc.docId);
    if (other) throw new BookError(doc.shownAs, `doc id "${doc.docId}" is also used by ${other}`);
    seen.set(doc.docId, doc.shownAs);
  }
  const orders = chapterOrder(parsed);
  return parsed.map((doc) => buildDoc(doc, base, options.ignoreBookOrder ? { index: 0, of: 1 } : orders.get(doc)!));
}
function listDocFiles(root: string, relative = ""): string[] {
  const entries = readdirSync(path.join(root, relative), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("_") && !entry.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) return listDocFiles(root, child);
    return docExtensions.has(path.extname(entry.name)) ? [child] : [];
  });
}

/** Docusaurus drops number prefixes ("01-intro" → "intro") from ids and routes. */
function withoutNumberPrefix(segment: string): string {
  return segment.replace(/^\d+\s*[-_.]\s*/, "") || segment;
}

type ParsedDoc = {
  file: string;
  shownAs: string;
  docId: string;
  folders: string[];
  name: string;
  frontMatter: DocFrontMatter;
  h1: string | null;
  sections: Section[];
};

/** `shownAs` is the path as the user gave it, for error messages. */
function parseDoc(root: string, file: string, shownAs: string, options: BookOptions): ParsedDoc | null {
  const raw = readFileSync(path.join(root, file), "utf8");
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(raw);
  } catch (error) {
    throw new BookError(shownAs, `front matter is not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"})`);
  }
  const frontMatter = parseFrontMatter(parsed.data, shownAs);
  if (frontMatter.draft) return null;
  if (options.ignoreDeclaredLevels) {
    delete frontMatter.level;
    delete frontMatter.tracks;
  }
  const folders = path.posix
    .dirname(file)
    .split("/")
    .filter((part) => part !== ".")
    .map(withoutNumberPrefix);
  const name = frontMatter.id ?? withoutNumberPrefix(path.posix.basename(file, path.extname(file)));
  // The whole file goes to the parser (it knows front matter), so errors give the author's line numbers.
  const { h1, sections } = splitIntoSections(raw, { file: shownAs, mdxOnly: path.extname(file) === ".mdx" });
  return { file, shownAs, docId: [...folders, name].join("/"), folders, name, frontMatter, h1, sections };
}

/** Each doc's place in its chapter, as an autogenerated sidebar orders it: `sidebar_position`, then file name. */
function chapterOrder(docs: ParsedDoc[]): Map<ParsedDoc, { index: number; of: number }> {
  const chapters = new Map<string, ParsedDoc[]>();
  for (const doc of docs) chapters.set(doc.folders[0] ?? "", [...(chapters.get(doc.folders[0] ?? "") ?? []), doc]);
  const order = new Map<ParsedDoc, { index: number; of: number }>();
  for (const [chapter, members] of chapters) {
    const sorted = [...members].sort(
      (a, b) => (a.frontMatter.sidebar_position ?? Infinity) - (b.frontMatter.sidebar_position ?? Infinity) || a.file.localeCompare(b.file),
    );
    // Top-level docs are not a chapter of their own: no order signal.
    sorted.forEach((doc, index) => order.set(doc, chapter ? { index, of: sorted.length } : { index: 0, of: 1 }));
  }
  return order;
}

function buildDoc(doc: ParsedDoc, routeBase: string, order: { index: number; of: number }): BookDoc {
  const { frontMatter, docId, sections } = doc;
  const chapter = doc.folders[0] ?? docId;
  const url = docRoute(routeBase, doc.folders, doc.name, frontMatter.slug, isCategoryIndex(doc.file));
  const title = frontMatter.title ?? doc.h1 ?? doc.name;
  const inference = inferDoc({
    title,
    headings: sections.flatMap((section) => (section.heading ? [section.heading] : [])),
    text: sections.map((section) => section.text).join("\n"),
    prose: sections.map((section) => section.prose).join("\n"),
    code: sections.flatMap((section) => section.code),
    order,
  });
  const docLevel = frontMatter.level ?? inference.level.level;
  const docTracks = frontMatter.tracks ?? inference.tracks.map((track) => track.track);

  const keys = chunkKeys(sections.map((section) => section.key));
  const chunks = sections.map((section, position): ContentChunk => {
    // A level block is more precise than the doc: its level always, its track when it names one.
    const levelInferred = !section.block && !frontMatter.level;
    const tracksInferred = !section.block?.track && !frontMatter.tracks;
    return {
      id: chunkId(docId, keys[position]!),
      docId,
      position,
      chapter,
      section: section.heading ?? title,
      title,
      url: section.anchor ? `${url}#${section.anchor}` : url,
      level: section.block?.level ?? docLevel,
      tracks: section.block?.track ? [section.block.track] : docTracks,
      inferred: { level: levelInferred, tracks: tracksInferred, reasons: inferenceReasons(inference, { level: levelInferred, tracks: tracksInferred }) },
      body: section.text,
    };
  });
  const hash = createHash("sha256").update(JSON.stringify({ chunkerVersion, routeBase, chunks })).digest("hex");
  return {
    docId,
    file: doc.file,
    title,
    hash,
    declared: { level: frontMatter.level ?? null, tracks: frontMatter.tracks ?? null },
    inference,
    chunks,
  };
}

/** One key per chunk from its anchor: an explicit id may repeat (Docusaurus takes it as written), a chunk id must not. */
function chunkKeys(anchors: string[]): string[] {
  const seen = new Map<string, number>();
  return anchors.map((anchor) => {
    const repeats = seen.get(anchor) ?? 0;
    seen.set(anchor, repeats + 1);
    return repeats ? `${anchor}#${repeats}` : anchor;
  });
}

/**
 * Docusaurus's category-index rule (plugin-content-docs `isCategoryIndex`): the file name as written
 * (number prefix included), any case, is index, readme or its folder's name. A front-matter `id` does not change it.
 */
function isCategoryIndex(file: string): boolean {
  const fileName = path.posix.parse(file).name.toLowerCase();
  const folder = path.posix.basename(path.posix.dirname(file)).toLowerCase();
  return fileName === "index" || fileName === "readme" || (folder !== "." && fileName === folder);
}

/** The route Docusaurus gives a doc: `slug` (absolute or relative), the folder for a category index, or its path. */
function docRoute(routeBase: string, folders: string[], name: string, slug: string | undefined, categoryIndex: boolean): string {
  let route: string;
  if (slug?.startsWith("/")) route = slug;
  else if (slug) route = `/${[...folders, slug].join("/")}`;
  else if (categoryIndex) route = `/${folders.join("/")}`;
  else route = `/${[...folders, name].join("/")}`;
  return `${routeBase}${route}`.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1") || "/";
}

/** A UUID derived from doc id and anchor: stable across runs, valid as a Qdrant point id. */
export function chunkId(docId: string, anchor: string): string {
  const hex = createHash("sha256").update(`${docId}#${anchor}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
