import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/** `npm run index` as a reader of docs/commands.md runs it: a child process on its own embedded database. */
const root = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "lectern-index-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runIndex(docs: string, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["scripts/index-book.ts", "--docs", docs, ...flags], {
      cwd: root,
      env: { ...process.env, DATA_DIR: path.join(work, "data"), DATABASE_URL: "", QDRANT_URL: "", LOG_LEVEL: "warn" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("npm run index", () => {
  it("indexes a book, then finds nothing to do on a second run", async () => {
    const book = path.join(work, "book");
    cpSync(path.join(root, "lib/content/fixtures/book"), book, { recursive: true });
    const first = await runIndex(book);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("postgres: 6 added, 0 changed, 0 removed, 0 unchanged (10 chunks in the book)");
    const second = await runIndex(book);
    expect(second.stdout).toContain("0 added, 0 changed, 0 removed, 6 unchanged");
  }, 60_000);

  it("exits 1 with one line naming the file and the bad front-matter value", async () => {
    const book = path.join(work, "bad-book");
    cpSync(path.join(root, "lib/content/fixtures/book"), book, { recursive: true });
    writeFileSync(path.join(book, "motors/broken.md"), "---\nlevel: expert\n---\n\ntext\n");
    const run = await runIndex(book);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(new RegExp(`^index: ${book.replaceAll("/", "\\/")}\\/motors\\/broken\\.md: front matter "level": .*"expert"\\)$`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("--report and --suggest tell an author what is inferred, without touching the book or the index", async () => {
    const book = path.join(work, "untagged-book");
    cpSync(path.join(root, "lib/content/fixtures/book"), book, { recursive: true });
    writeFileSync(path.join(book, "motors/torque.md"), "## Torque\n\nA motor's torque at the joint depends on the gearbox and the actuator's current.\n");
    const before = snapshot(book);

    const report = await runIndex(book, "--report");
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/motors\/torque\.md\n {2}level {3}inferred \w+ \(confidence \d\.\d\d\): .+\n {2}tracks {2}inferred hardware \(confidence/);
    expect(report.stdout).toMatch(/software\/architecture\.md\n {2}level {3}front matter: advanced; inferred/);
    expect(report.stdout).not.toContain("added");

    const target = path.join(work, "suggestions.md");
    const suggest = await runIndex(book, "--suggest", target);
    expect(suggest.code, suggest.stderr).toBe(0);
    const suggestions = readFileSync(target, "utf8");
    expect(suggestions).toMatch(/# motors\/torque\.md .*\n(# .*\n)+---\nlevel: (beginner|intermediate|advanced)\ntracks: \[hardware\]\n---/);
    expect(suggestions).not.toContain("# software/architecture.md");
    expect(snapshot(book)).toEqual(before);

    const inside = await runIndex(book, "--suggest", path.join(book, "suggestions.md"));
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/outside the docs folder/);
  }, 60_000);
});

/** Every file of a folder with its contents and modification time. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) files[name] = `${statSync(file).mtimeMs} ${readFileSync(file, "utf8")}`;
  }
  return files;
}
