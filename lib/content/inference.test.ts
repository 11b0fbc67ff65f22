import { describe, expect, it } from "vitest";
import { inferDoc, inferenceReasons, type DocEvidence } from "./inference";
import { hardCodeKinds } from "./level-signals";

const evidence = (overrides: Partial<DocEvidence>): DocEvidence => ({
  title: "A page",
  headings: [],
  text: "",
  code: [],
  order: { index: 1, of: 3 },
  ...overrides,
  prose: overrides.prose ?? overrides.text ?? "",
});

describe("inferDoc", () => {
  it("finds hardware from its vocabulary and names the words that decided it", () => {
    const inference = inferDoc(
      evidence({
        title: "Choosing actuators",
        text: "Each joint needs an actuator: a motor with a gearbox. Torque, voltage and current limits decide the motor and its driver.",
      }),
    );
    expect(inference.tracks.map((track) => track.track)).toEqual(["hardware"]);
    expect(inference.tracks[0]!.signals[0]).toMatch(/actuator|motor|torque/);
  });

  it("reads radios, batteries and a board's chip as hardware, and devicetree beside them as programming too", () => {
    const source = '&uart0 {\n  status = "okay";\n};';
    const inference = inferDoc(
      evidence({
        title: "Bluetooth and battery",
        text: `The nRF52840 radio keeps the Bluetooth link while the battery charger tops up the LiPo.\n${source}`,
        prose: "The nRF52840 radio keeps the Bluetooth link while the battery charger tops up the LiPo.",
        code: [{ lang: "dts", lines: 3, source }],
      }),
    );
    expect(inference.tracks.map((track) => track.track).sort()).toEqual(["hardware", "programming"]);
  });

  it("reads a doc that links back to earlier docs as building on them, and one that brings in its terms as starting from scratch", () => {
    const page = { title: "Keymaps", text: "Keys and layers." };
    const later = inferDoc(evidence({ ...page, book: { place: 0.6, terms: 40, termsFromEarlier: 36, linksBack: 3, linksAhead: 0 } }));
    const first = inferDoc(evidence({ ...page, book: { place: 0, terms: 40, termsFromEarlier: 4, linksBack: 0, linksAhead: 5 } }));
    expect(later.level.signals.join("; ")).toMatch(/links back to 3 earlier pages/);
    expect(first.level.signals.join("; ")).toMatch(/introduces its terms \(36 of 40 new to the book\)/);
    expect(later.level.score).toBeGreaterThan(first.level.score);
  });

  it("does not count a word nearly every doc of the book uses (its subject) for a track", () => {
    const page = { title: "Matchers", text: "Each test checks a value. Run the test again after a test fails; testing is quick." };
    const alone = inferDoc(evidence(page));
    const inBook = inferDoc(
      evidence({ ...page, book: { place: 0.5, terms: 20, termsFromEarlier: 10, linksBack: 0, linksAhead: 0, commonWords: new Set(["test", "testing"]) } }),
    );
    expect(alone.tracks.map((track) => track.track)).toContain("software");
    expect(inBook.tracks.map((track) => track.track)).not.toContain("software");
  });

  it("prose needs two different expert cues to read as written for experts; one 'advanced' in passing is not", () => {
    const once = inferDoc(evidence({ title: "Keys", text: "Press a key. See the advanced options below." }));
    const twice = inferDoc(evidence({ title: "Keys", text: "This page assumes familiarity with the scanner internals and is written for advanced users." }));
    expect(once.level.signals.join("; ")).not.toMatch(/written for readers who know the ground/);
    expect(twice.level.signals.join("; ")).toMatch(/written for readers who know the ground/);
  });

  it("reads 'advanced' and 'performance' in passing, or a heading 'Advanced usage', as no sign of an expert's page", () => {
    const text = "Bind the key. For better performance, see the advanced options below.";
    const inference = inferDoc(evidence({ title: "Sticky keys", headings: ["Usage", "Advanced usage"], text }));
    expect(inference.level.signals.join("; ")).not.toMatch(/know the ground|headings say/);
    expect(inference.level.level).toBe("intermediate");
  });

  it("reads a page of links to other sites with no code as a signpost for anyone, and the same links beside code as not", () => {
    const text = "Ask on the forum, read the blog, or watch the talks: each covers the library from a different side.";
    const signpost = inferDoc(evidence({ title: "Community", text, externalLinks: 4 }));
    expect(signpost.level).toMatchObject({ level: "beginner", signals: ["a signpost: 4 links to other sites, no code"] });
    const source = "test('adds', () => {\n  expect(1 + 2).toBe(3);\n});";
    const withCode = inferDoc(evidence({ title: "Community", text, externalLinks: 4, code: [{ lang: "js", lines: 3, source }] }));
    expect(withCode.level.level).toBe("intermediate");
  });

  it("reads memory addresses written in hex as notation a reader must already know", () => {
    const text = "The bootloader checks the magic value 0x57 at 0x20007F7C in retained RAM after a reset.";
    expect(inferDoc(evidence({ title: "Boot mode", text })).level.signals.join("; ")).toMatch(/notation: 0x57, 0x20007F7C/);
    expect(inferDoc(evidence({ title: "Boot mode", text: "The bootloader checks a magic value after a reset." })).level.signals.join("; ")).not.toMatch(
      /notation/,
    );
  });

  it("lets a chapter named for beginners speak for its docs, as a title does", () => {
    const page = { title: "Lists", text: "A list holds values in order. Append adds one at the end." };
    expect(inferDoc(evidence({ ...page, chapter: "Basics" })).level).toMatchObject({ level: "beginner", signals: ['in the chapter "Basics"'] });
    expect(inferDoc(evidence({ ...page, chapter: "Data" })).level.level).toBe("intermediate");
  });

  it("reads setting up in a chapter for the tool's own developers as a developer's set-up, not a newcomer's first steps", () => {
    const setup = {
      title: "Native Setup",
      headings: ["Install the dependencies", "Get the source"],
      text: "Install the toolchain and the SDK, then download the source and build it for the first time.",
    };
    // In a user's chapter the same page is for newcomers; in "Development" its set-up words say nothing of the reader.
    expect(inferDoc(evidence({ ...setup, chapter: "Tutorials" })).level.level).toBe("beginner");
    const developers = inferDoc(evidence({ ...setup, chapter: "Development" })).level;
    expect(developers.level).toBe("intermediate");
    expect(developers.signals.join("; ")).not.toMatch(/install|setup|first time/);
    // Only the chapter's whole name counts: a "Web development" chapter is a subject, and other newcomer words still count.
    expect(inferDoc(evidence({ ...setup, chapter: "Web development" })).level.level).toBe("beginner");
    expect(inferDoc(evidence({ ...setup, title: "Introduction", chapter: "Contributing" })).level.level).toBe("beginner");
  });

  it("reads a page named for the tool's plugins or its architecture as for readers who build on the tool", () => {
    const plugin = inferDoc(evidence({ title: "Watch Plugins", text: "A watch plugin is a class whose apply method receives the hooks it may tap." }));
    expect(plugin.level).toMatchObject({ level: "advanced", signals: ['titled "plugin"'] });
    expect(inferDoc(evidence({ title: "Architecture", text: "How the runner, the resolver and the workers fit together." })).level.level).toBe("advanced");
    expect(inferDoc(evidence({ title: "Watch Mode", text: "A watch mode reruns the tests whose files changed." })).level.level).toBe("intermediate");
  });

  it("reads what a doc builds on from its links back, not from 'as we saw' or 'in the previous' in its prose", () => {
    const page = { title: "Imports", text: "As we saw in the previous section, an import reads the file once and keeps it." };
    expect(inferDoc(evidence({ ...page, order: { index: 2, of: 3 } })).level.signals.join("; ")).not.toMatch(/builds on|as we saw|previous/);
    expect(inferDoc(evidence({ ...page, order: { index: 1, of: 3 } })).level).toMatchObject({ level: "intermediate", confidence: 0.3 });
  });

  it("reads a heading 'Basic …', 'Simple …' or 'Overview' as a part of the page, not a sign of a beginner's page; 'Installation' still is", () => {
    const layout = {
      title: "Physical Layouts",
      text: "A physical layout gives each key's position, size and rotation, which the keymap editor draws.",
      code: [{ lang: "dts", lines: 30, source: 'layout { compatible = "zmk,physical-layout"; keys = <&key_physical_attrs 100 100 0 0 0 0 0>; };' }],
    };
    for (const heading of ["Basic Physical Layout", "Simple Include", "Overview"]) {
      const level = inferDoc(evidence({ ...layout, headings: [heading, "Position Map"] })).level;
      expect(level.signals.join("; ")).not.toMatch(/headings say/);
    }
    expect(inferDoc(evidence({ ...layout, headings: ["Installation", "Position Map"] })).level.signals.join("; ")).toMatch(/headings say "install/);
  });

  it("does not read JavaScript's await or `const fn =` as concurrency or compile-time code, nor a product compared with === as a pointer", () => {
    const source = "test('adds', async () => {\n  const fn = jest.fn();\n  await fn(1);\n});";
    const inference = inferDoc(evidence({ title: "Mock functions", text: source, code: [{ lang: "js", lines: 4, source }] }));
    expect(inference.level.signals.join("; ")).not.toMatch(/concurrency|comptime/);
    const product = "expect(this.amount * 1000 === other.amount).toBe(true);";
    expect(hardCodeKinds([{ lang: "js", lines: 1, source: product }])).not.toContain("pointers");
    expect(hardCodeKinds([{ lang: "c", lines: 1, source: "int *value = &count;" }])).toContain("pointers");
  });

  it("finds programming from code blocks and their languages", () => {
    const inference = inferDoc(
      evidence({ title: "Reading a sensor", text: "x = read()\nprint(x)\nCall the function in a loop.", code: [{ lang: "python", lines: 2 }] }),
    );
    expect(inference.tracks[0]!.track).toBe("programming");
    expect(inference.tracks[0]!.signals.join(" ")).toContain("python code block");
  });

  it("reads the level from titles, the way the text explains, and the book's order", () => {
    const intro = inferDoc(
      evidence({
        title: "An introduction to motors",
        text: "Imagine a motor as a muscle. For example, a servo turns to an angle.",
        order: { index: 0, of: 3 },
      }),
    );
    expect(intro.level.level).toBe("beginner");
    expect(intro.level.signals.join("; ")).toMatch(/titled "introduction"|first in its chapter/);

    const hard = inferDoc(
      evidence({
        title: "Advanced trajectory optimisation",
        text: "Minimise the cost subject to the dynamics constraint; the Jacobian and covariance follow.",
        order: { index: 2, of: 3 },
      }),
    );
    expect(hard.level.level).toBe("advanced");
    expect(inferDoc(evidence({ title: "Gearboxes", text: "Gears trade speed for torque." })).level.level).toBe("intermediate");
  });

  it("infers no track when no vocabulary stands out, and gives the same answer every time", () => {
    const bland = evidence({ title: "Thanks", text: "Thank you for reading this far." });
    expect(inferDoc(bland).tracks).toEqual([]);
    expect(inferDoc(bland)).toEqual(inferDoc(bland));
  });
});

describe("level signals beyond the book's order", () => {
  it("does not call a doc advanced for being last in its chapter alone, and says a position-only level is a guess", () => {
    const last = inferDoc(
      evidence({ title: "Running tests", text: "Run the tests with the test command. Each test prints its name.", order: { index: 4, of: 5 } }),
    );
    expect(last.level.level).not.toBe("advanced");
    expect(last.level.confidence).toBeLessThanOrEqual(0.4);
    // The text leans advanced a little (it links back to two earlier pages); the order tips it, so it stays a guess.
    // (One "under the hood" alone no longer leans: prose aimed at experts needs two cues.)
    const book = { place: 0.5, terms: 0, termsFromEarlier: 0, linksBack: 2, linksAhead: 0 };
    const tipped = inferDoc(evidence({ title: "Imports", text: "An import reads the file once.", order: { index: 2, of: 3 }, book }));
    expect(tipped.level.level).toBe("advanced");
    expect(tipped.level.confidence).toBeLessThanOrEqual(0.4);
    expect(inferenceReasons(tipped, { level: true, tracks: false })[0]).toMatch(/^inferred advanced \(a guess\)/);
  });

  it("reads hard code (comptime, SIMD, the C ABI, unsafe pointers) as advanced", () => {
    const source =
      "fn dot(comptime T: type, a: @Vector(4, T), b: @Vector(4, T)) T {\n  return @reduce(.Add, a * b);\n}\nexport fn add(x: i32) callconv(.C) i32 { return x; }";
    const simd = inferDoc(
      evidence({ title: "Vectors", text: source, prose: "Vectors of numbers.", code: [{ lang: "zig", lines: 4, source }], order: { index: 1, of: 3 } }),
    );
    expect(simd.level.level).toBe("advanced");
    expect(simd.level.signals.join("; ")).toMatch(/code with .*comptime|code with .*SIMD/);
    expect(simd.level.confidence).toBeGreaterThan(0.4);
  });

  it("reads prose aimed at newcomers as beginner and prose aimed at experts as advanced, wherever the doc sits", () => {
    const newcomers = inferDoc(
      evidence({
        title: "Setting up the board",
        text: "You don't need any experience with electronics. Install the toolchain, then follow the steps.",
        order: { index: 2, of: 3 },
      }),
    );
    expect(newcomers.level.level).toBe("beginner");
    expect(newcomers.level.confidence).toBeGreaterThan(0.4);
    const experts = inferDoc(
      evidence({
        title: "The allocator",
        text: "This page assumes familiarity with the memory model. Under the hood, the internals trade performance for safety: atomic operations, a lock-free free list, memory order.",
        order: { index: 0, of: 3 },
      }),
    );
    expect(experts.level.level).toBe("advanced");
  });
});

describe("track signals beyond code", () => {
  // A tutorial's sketch: longer than its prose, as on real boards' docs.
  const blink = Array.from({ length: 6 }, (_, i) => `void step${i}() {\n  int value = read_value(${i});\n  print_value(value);\n  delay(500);\n}`).join("\n");

  it("tags a circuit tutorial with a sketch in it hardware and programming: code counts for both", () => {
    const inference = inferDoc(
      evidence({
        title: "Blinking an LED",
        text: `Connect the LED to GPIO pin 13 through a 220 ohm resistor; Ohm's law gives the current at 5 V. Wire the other leg to GND on the breadboard.\n${blink}`,
        prose: "Connect the LED to GPIO pin 13 through a 220 ohm resistor; Ohm's law gives the current at 5 V. Wire the other leg to GND on the breadboard.",
        code: [{ lang: "cpp", lines: 30, source: blink }],
      }),
    );
    expect(inference.tracks.map((track) => track.track).sort()).toEqual(["hardware", "programming"]);
  });

  it("finds hardware in buses and instruments: I2C, UART, SPI, an oscilloscope", () => {
    const inference = inferDoc(
      evidence({
        title: "Reading bytes off the bus",
        text: "Connect SDA and SCL for I2C; the debug console is a UART at 115200 baud. Probe SDA with an oscilloscope to see each byte.",
      }),
    );
    expect(inference.tracks.map((track) => track.track)).toContain("hardware");
  });

  it("reads false friends by their company: a switch statement is not hardware, a stack of values is not software", () => {
    const switches = inferDoc(
      evidence({
        title: "Switch",
        text: "A switch statement picks a branch. Each switch prong matches a value; switch on an enum must cover every case. A switch can return a value.",
        code: [{ lang: "zig", lines: 4, source: "switch (x) {\n  1 => a(),\n  else => b(),\n}" }],
      }),
    );
    expect(switches.candidates.find((candidate) => candidate.track === "hardware")!.score).toBe(0);
    const stacks = inferDoc(
      evidence({ title: "Stacks", text: "A stack holds values: push adds one on top, pop takes the top one off. Stacks are LIFO; an array backs this stack." }),
    );
    expect(stacks.tracks.map((track) => track.track)).not.toContain("software");
  });

  it("never gives a reason with nothing after it", () => {
    // Only words that need company: no track, rather than "inferred hardware: " with nothing after it.
    const inference = inferDoc(evidence({ title: "Power", text: "Power the board. Drive the load with current. The power board drives a load." }));
    for (const reason of inferenceReasons(inference, { level: true, tracks: true })) expect(reason).toMatch(/^inferred [a-z]+( \(a guess\))?: \S/);
  });
});
