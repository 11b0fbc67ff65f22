import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { BookError, parseFrontMatter, type ContentLevel, type ContentTrack } from "./front-matter";
import { splitIntoSections } from "./chunking";

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
  body: string;
};

export type BookDoc = {
  docId: string;
  file: string;
  /** Changes whenever anything that shapes the doc's chunks changes. */
  hash: string;
  chunks: ContentChunk[];
};

export type BookOptions = {
  /** Docusaurus docs `routeBasePath` (the sample book uses "docs"). */
  routeBasePath?: string;
};

/** Bumped when chunking changes, so every doc is re-indexed once. */
const chunkerVersion = "1";
const docExtensions = new Set([".md", ".mdx"]);

/** Reads every doc of a Docusaurus docs folder (skipping `_partials` and drafts) into chunks. */
export function readBook(docsDir: string, options: BookOptions = {}): BookDoc[] {
  const root = path.resolve(docsDir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new BookError(docsDir, "not a folder of docs");
  }
  const base = `/${(options.routeBasePath ?? "docs").replace(/^\/+|\/+$/g, "")}`.replace(/\/$/, "");
  const docs = listDocFiles(root).flatMap((file) => {
    const doc = readDoc(root, file, base, path.join(docsDir, file));
    return doc ? [doc] : [];
  });
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const other = seen.get(doc.docId);
    if (other) throw new BookError(doc.file, `doc id "${doc.docId}" is also used by ${other}`);
    seen.set(doc.docId, doc.file);
  }
  return docs;
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

/** `shownAs` is the path as the user gave it, for error messages. */
function readDoc(root: string, file: string, routeBase: string, shownAs: string): BookDoc | null {
  const raw = readFileSync(path.join(root, file), "utf8");
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(raw);
  } catch (error) {
    throw new BookError(shownAs, `front matter is not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"})`);
  }
  const frontMatter = parseFrontMatter(parsed.data, shownAs);
  if (frontMatter.draft) return null;

  const folders = path.posix.dirname(file).split("/").filter((part) => part !== ".").map(withoutNumberPrefix);
  const baseName = withoutNumberPrefix(path.posix.basename(file, path.extname(file)));
  const docId = [...folders, frontMatter.id ?? baseName].join("/");
  const chapter = folders[0] ?? docId;
  const url = docRoute(routeBase, folders, frontMatter.id ?? baseName, frontMatter.slug, isCategoryIndex(file));
  const { h1, sections } = splitIntoSections(parsed.content);
  const title = frontMatter.title ?? h1 ?? baseName;

  const keys = chunkKeys(sections.map((section) => section.anchor ?? ""));
  const chunks = sections.map((section, position): ContentChunk => ({
    id: chunkId(docId, keys[position]!),
    docId,
    position,
    chapter,
    section: section.heading ?? title,
    title,
    url: section.anchor ? `${url}#${section.anchor}` : url,
    level: frontMatter.level,
    tracks: frontMatter.tracks,
    body: section.text,
  }));
  const hash = createHash("sha256")
    .update(JSON.stringify({ chunkerVersion, routeBase, chunks }))
    .digest("hex");
  return { docId, file, hash, chunks };
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
