import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BookError, readBook } from "@/lib/content";

const fixtureBook = path.join(import.meta.dirname, "fixtures/book");
const temporary: string[] = [];

function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lectern-book-"));
  temporary.push(dir);
  cpSync(fixtureBook, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("readBook", () => {
  it("gives each doc its Docusaurus id, chapter (top folder) and route, skipping drafts and partials", () => {
    const docs = readBook(fixtureBook);
    expect(docs.map((doc) => doc.docId).sort()).toEqual([
      "extras/index",
      "motors/choosing-gearboxes",
      "motors/motor-control-internals",
      "motors/motors-for-beginners",
      "software/architecture",
      "software/first-script",
    ]);
    const extras = docs.find((doc) => doc.docId === "extras/index")!;
    expect(extras.chunks[0]).toMatchObject({ chapter: "extras", url: "/docs/extras", level: "intermediate", tracks: [] });
  });

  it("counts the book's docs a doc links to before and after it, by relative file or by route", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lectern-links-"));
    temporary.push(dir);
    mkdirSync(path.join(dir, "basics"));
    writeFileSync(path.join(dir, "basics", "01-start.md"), "# Start\n\nSee [keys](./02-keys.md) and [layers](/docs/basics/layers).\n");
    writeFileSync(path.join(dir, "basics", "02-keys.md"), "# Keys\n\nAfter [the start](01-start.md).\n");
    writeFileSync(
      path.join(dir, "basics", "03-layers.md"),
      "# Layers\n\nUses [keys](../basics/02-keys.md#x), [start](/docs/basics/start) and [the web](https://example.com/a.md).\n",
    );
    const docs = readBook(dir, { sidebarsFile: null });
    expect(docs.map((doc) => doc.docId)).toEqual(["basics/start", "basics/keys", "basics/layers"]);
    // The signal needs two earlier docs: only the last page builds on the book so far.
    expect(docs[2]!.inference.level.signals.join("; ")).toMatch(/links back to 2 earlier pages/);
    expect(docs[1]!.inference.level.signals.join("; ")).not.toMatch(/links back/);
  });

  it("splits at h2/h3 with Docusaurus anchors, deduplicated, ignoring # lines inside code", () => {
    const architecture = readBook(fixtureBook).find((doc) => doc.docId === "software/architecture")!;
    expect(architecture.chunks.map((chunk) => chunk.url)).toEqual([
      "/docs/software/architecture#deterministic-replay",
      "/docs/software/architecture#deterministic-replay-1",
    ]);
    expect(architecture.chunks[1]!.body).toContain("# not a heading: a comment in code");
    expect(architecture.chunks[0]).toMatchObject({
      title: "Architecture of robot software",
      section: "Deterministic replay",
      level: "advanced",
      tracks: ["software"],
    });
  });

  it("keeps the text before the first heading as a chunk pointing at the doc itself", () => {
    const beginners = readBook(fixtureBook).find((doc) => doc.docId === "motors/motors-for-beginners")!;
    expect(beginners.chunks[0]).toMatchObject({ url: "/docs/motors/motors-for-beginners", section: "Motors for beginners", position: 0 });
    expect(beginners.chunks[0]!.body).toBe("A motor turns electricity into movement.");
  });

  it("accepts a single track written as a string", () => {
    const script = readBook(fixtureBook).find((doc) => doc.docId === "software/first-script")!;
    expect(script.chunks[0]!.tracks).toEqual(["software"]);
  });

  it("gives the same unique chunk ids on every read, and a new doc hash only when the doc changes", () => {
    const dir = copyOfFixture();
    const first = readBook(dir);
    const again = readBook(dir);
    const ids = first.flatMap((doc) => doc.chunks.map((chunk) => chunk.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.flatMap((doc) => doc.chunks.map((chunk) => chunk.id))).toEqual(ids);
    expect(again.map((doc) => doc.hash)).toEqual(first.map((doc) => doc.hash));

    writeFileSync(path.join(dir, "software/first-script.md"), "---\nlevel: beginner\ntracks: [software]\n---\n\n## Printing a message\n\nChanged text.\n");
    const changed = readBook(dir);
    const hashOf = (docs: typeof first, id: string) => docs.find((doc) => doc.docId === id)!.hash;
    expect(hashOf(changed, "software/first-script")).not.toBe(hashOf(first, "software/first-script"));
    expect(hashOf(changed, "motors/motor-control-internals")).toBe(hashOf(first, "motors/motor-control-internals"));
  });

  it("rejects a bad front-matter value with an error naming the file, the key and the value", () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, "motors/broken.md"), "---\nlevel: expert\n---\n\n## A\n\ntext\n");
    expect(() => readBook(dir)).toThrow(BookError);
    expect(() => readBook(dir)).toThrow(/motors\/broken\.md: front matter "level": .*"expert"/);
  });

  it("rejects an unknown track naming the file and the list position", () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, "motors/broken.md"), "---\ntracks: [hardware, cooking]\n---\n\ntext\n");
    expect(() => readBook(dir)).toThrow(/motors\/broken\.md: front matter "tracks(\.1)?"/);
  });

  it("routes a category index to its folder by file name, any case, whatever its front-matter id", () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, "motors/index.md"), "---\nid: overview\n---\n\nAll about motors.\n");
    mkdirSync(path.join(dir, "sensors"));
    writeFileSync(path.join(dir, "sensors/Sensors.md"), "Sensing the world.\n");
    mkdirSync(path.join(dir, "power"));
    writeFileSync(path.join(dir, "power/README.md"), "Batteries.\n");
    writeFileSync(path.join(dir, "power/01-index.md"), "Not an index: the number prefix is part of the file name.\n");
    const urlOf = (docId: string) => readBook(dir).find((doc) => doc.docId === docId)?.chunks[0]?.url;
    expect(urlOf("motors/overview")).toBe("/docs/motors");
    expect(urlOf("sensors/Sensors")).toBe("/docs/sensors");
    expect(urlOf("power/README")).toBe("/docs/power");
    expect(urlOf("power/index")).toBe("/docs/power/index");
  });

  it("gives distinct chunk ids to sections that repeat an explicit heading id", () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, "software/setup.md"), "## Setup {#setup}\n\nOne.\n\n## Setup again {#setup}\n\nTwo.\n");
    const setup = readBook(dir).find((doc) => doc.docId === "software/setup")!;
    expect(setup.chunks.map((chunk) => chunk.url)).toEqual(["/docs/software/setup#setup", "/docs/software/setup#setup"]);
    expect(new Set(setup.chunks.map((chunk) => chunk.id)).size).toBe(2);
  });

  it("rejects a folder that does not exist", () => {
    expect(() => readBook(path.join(tmpdir(), "no-such-book-here"))).toThrow(/not a folder of docs/);
  });
});

describe("readBook on docs without level or tracks", () => {
  it("infers them, says so on every chunk with reasons, and lets front matter win where it is written", () => {
    const dir = copyOfFixture();
    writeFileSync(
      path.join(dir, "motors/torque.md"),
      "---\ntitle: Torque and gearboxes\n---\n\n## Torque\n\nA motor's torque at the joint depends on the gearbox ratio; the actuator's current limits it.\n",
    );
    writeFileSync(
      path.join(dir, "motors/level-only.md"),
      "---\nlevel: advanced\n---\n\n## Wiring\n\nSolder the motor wires to the driver board and check the voltage.\n",
    );
    const docs = readBook(dir);
    const torque = docs.find((doc) => doc.docId === "motors/torque")!.chunks[0]!;
    expect(torque.tracks).toEqual(["hardware"]);
    expect(torque.inferred).toMatchObject({ level: true, tracks: true });
    expect(torque.inferred.reasons.find((reason) => reason.startsWith("inferred hardware: "))).toMatch(/torque|gearbox|actuator|motor/);

    const levelOnly = docs.find((doc) => doc.docId === "motors/level-only")!.chunks[0]!;
    expect(levelOnly).toMatchObject({ level: "advanced", tracks: ["hardware"], inferred: { level: false, tracks: true } });
    expect(levelOnly.inferred.reasons.some((reason) => reason.startsWith("inferred advanced"))).toBe(false);

    const tagged = docs.find((doc) => doc.docId === "software/architecture")!.chunks[0]!;
    expect(tagged).toMatchObject({ level: "advanced", tracks: ["software"], inferred: { level: false, tracks: false, reasons: [] } });
  });

  it("gives a chunk inside a <ForLevel> block the block's level and track, and ignores front matter when asked to", () => {
    const dir = copyOfFixture();
    writeFileSync(
      path.join(dir, "motors/blocks.mdx"),
      '---\nlevel: beginner\ntracks: [software]\n---\n\n## Drivers\n\nA driver powers a motor.\n\n<ForLevel level="advanced" track="hardware">\n\nCurrent control at 20 kHz.\n\n</ForLevel>\n',
    );
    const chunks = readBook(dir).find((doc) => doc.docId === "motors/blocks")!.chunks;
    expect(chunks.map((chunk) => [chunk.url, chunk.level, chunk.tracks, chunk.inferred.level])).toEqual([
      ["/docs/motors/blocks#drivers", "beginner", ["software"], false],
      ["/docs/motors/blocks#drivers", "advanced", ["hardware"], false],
    ]);
    const hidden = readBook(dir, { ignoreDeclaredLevels: true }).find((doc) => doc.docId === "software/architecture")!;
    expect(hidden.declared).toEqual({ level: null, tracks: null });
    expect(hidden.chunks[0]!.inferred).toMatchObject({ level: true, tracks: true });
  });
});
