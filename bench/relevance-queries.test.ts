import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { labelledBook, labelledBookNames } from "./relevance-queries";

/** Every doc a Docusaurus docs folder holds (files starting with "_" are partials, not docs). */
function docFiles(root: string, relative = ""): string[] {
  return readdirSync(path.join(root, relative))
    .filter((name) => !name.startsWith("_") && !name.startsWith("."))
    .flatMap((name) => {
      const child = path.posix.join(relative, name);
      if (statSync(path.join(root, child)).isDirectory()) return docFiles(root, child);
      return /\.mdx?$/.test(name) ? [child] : [];
    });
}

describe("the eval's public books (bench/books)", () => {
  for (const name of labelledBookNames) {
    describe(name, () => {
      const book = labelledBook(name);
      const docs = new Set(docFiles(book.docsDir));

      it("labels at least 30 docs of the book, each once", () => {
        expect(book.labels.size).toBeGreaterThanOrEqual(30);
        expect([...book.labels.keys()].filter((file) => !docs.has(file))).toEqual([]);
      });

      it("judges queries only against docs of the book, each with a doc that answers it", () => {
        expect(book.queries.length).toBeGreaterThanOrEqual(8);
        const graded = book.queries.flatMap((query) => Object.keys(query.grades));
        expect(graded.filter((file) => !docs.has(file))).toEqual([]);
        for (const query of book.queries) expect(Math.max(...Object.values(query.grades))).toBeGreaterThanOrEqual(2);
      });

      it("lists the sidebar's docs once each, all of them docs of the book", () => {
        expect(new Set(book.order).size).toBe(book.order.length);
        expect(book.order.filter((file) => !docs.has(file))).toEqual([]);
      });

      it("notes its source and licence", () => {
        const root = path.dirname(book.docsDir);
        expect(readFileSync(path.join(root, "SOURCE.md"), "utf8")).toMatch(/Commit: [0-9a-f]{40}/);
        expect(existsSync(path.join(root, "LICENSE"))).toBe(true);
      });
    });
  }

  it("refuses a labels file that labels fewer than 30 docs, naming the file", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "lectern-labels-"));
    try {
      const books = path.join(import.meta.dirname, "books");
      cpSync(path.join(books, "jest"), path.join(scratch, "jest"), { recursive: true });
      const labels = JSON.parse(readFileSync(path.join(scratch, "jest", "labels.json"), "utf8")) as { sections: unknown[] };
      labels.sections = labels.sections.slice(0, 29);
      writeFileSync(path.join(scratch, "jest", "labels.json"), JSON.stringify(labels));
      expect(() => labelledBook("jest", scratch)).toThrow(/labels\.json.*sections/s);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
