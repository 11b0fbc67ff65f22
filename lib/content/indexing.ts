import { readBook, type BookDoc, type BookOptions } from "./book";

/** What a content engine must offer the indexer (both engines implement it). */
export type ChunkStore = {
  /** doc id → hash of what is indexed now. */
  indexedDocs(): Promise<Map<string, string>>;
  /** Writes the docs' chunks and then removes each doc's chunks from older versions. */
  writeDocs(docs: BookDoc[]): Promise<void>;
  /** Gives indexed docs whose text is unchanged their place in the book (`doc.place`), writing only where the sidebar moved them. */
  placeDocs(docs: BookDoc[]): Promise<void>;
  removeDocs(docIds: string[]): Promise<void>;
};

export type IndexReport = { added: number; changed: number; removed: number; unchanged: number; chunks: number };
export type IndexProgress = (done: number, total: number, docId: string | null) => void;

const docsPerWrite = 8;

/**
 * Brings the index in line with a docs folder: new and changed docs are written, deleted
 * docs removed, unchanged docs left alone (moved to their new place when the sidebar moved
 * them: one doc added early in the book rewrites no other), so running it twice changes nothing.
 */
export async function indexBook(docsDir: string, store: ChunkStore, options: BookOptions & { onProgress?: IndexProgress } = {}): Promise<IndexReport> {
  const docs = readBook(docsDir, options);
  const indexed = await store.indexedDocs();
  const toWrite = docs.filter((doc) => indexed.get(doc.docId) !== doc.hash);
  const present = new Set(docs.map((doc) => doc.docId));
  const toRemove = [...indexed.keys()].filter((docId) => !present.has(docId));
  const total = toWrite.length + (toRemove.length ? 1 : 0);
  options.onProgress?.(0, total, null);

  for (let start = 0; start < toWrite.length; start += docsPerWrite) {
    const batch = toWrite.slice(start, start + docsPerWrite);
    await store.writeDocs(batch);
    options.onProgress?.(start + batch.length, total, batch.at(-1)!.docId);
  }
  if (toRemove.length) {
    await store.removeDocs(toRemove);
    options.onProgress?.(total, total, null);
  }
  const unchanged = docs.filter((doc) => indexed.get(doc.docId) === doc.hash);
  if (unchanged.length) await store.placeDocs(unchanged);
  const added = toWrite.filter((doc) => !indexed.has(doc.docId)).length;
  return {
    added,
    changed: toWrite.length - added,
    removed: toRemove.length,
    unchanged: docs.length - toWrite.length,
    chunks: docs.reduce((sum, doc) => sum + doc.chunks.length, 0),
  };
}
