import { describe, expect, it } from "vitest";
import { splitIntoSections, toPlainText } from "@/lib/content";

describe("splitIntoSections", () => {
  it("uses an explicit {#id} as the anchor and keeps h4+ headings inside their section", () => {
    const { h1, sections } = splitIntoSections("# Title\n\nIntro.\n\n## Wiring {#wiring-it}\n\nText.\n\n#### Detail\n\nMore.\n\n### Sub part\n\nEnd.");
    expect(h1).toBe("Title");
    expect(sections.map((section) => [section.anchor, section.heading])).toEqual([
      [null, null],
      ["wiring-it", "Wiring"],
      ["sub-part", "Sub part"],
    ]);
    expect(sections[1]!.text).toBe("Text.\nDetail\nMore.");
  });

  it("takes explicit ids as written, unslugged and not reserved, in all three Docusaurus syntaxes", () => {
    const { sections } = splitIntoSections(
      "## Setup {#setup}\n\na\n\n## Setup\n\nb\n\n## Wiring <!-- #wires -->\n\nc\n\n## Power {/* #Power_Supply */}\n\nd\n\n## Notes <!-- not an id -->\n\ne",
    );
    expect(sections.map((section) => [section.anchor, section.heading])).toEqual([
      ["setup", "Setup"],
      ["setup", "Setup"],
      ["wires", "Wiring"],
      ["Power_Supply", "Power"],
      ["notes", "Notes"],
    ]);
  });

  it("slugs headings like Docusaurus: punctuation dropped, inline code and emphasis reduced to words", () => {
    const { sections } = splitIntoSections("## P, I and D *in plain* words\n\nx\n\n## Using `SCHED_FIFO`\n\ny");
    expect(sections.map((section) => section.anchor)).toEqual(["p-i-and-d-in-plain-words", "using-sched_fifo"]);
  });

  it("reads $$ maths (remark-math) in MDX as maths, not as an MDX expression, keeping its text", () => {
    const doc =
      "## Matrix inverse\n\nThe inverse satisfies $A A^{-1} = I$:\n\n$$\n\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}^{-1} = \\frac{1}{ad-bc}\n$$\n";
    const { sections } = splitIntoSections(doc, { mdxOnly: true, file: "linear-algebra.mdx" });
    expect(sections).toHaveLength(1);
    expect(sections[0]!.text).toContain("A A^{-1} = I");
    expect(sections[0]!.text).toContain("\\frac{1}{ad-bc}");
  });

  it("does not split at headings inside ~~~ or ``` fences", () => {
    const { sections } = splitIntoSections("## Code\n\n~~~bash\n## not a heading\n~~~\n\n```md\n### nor this\n```\n");
    expect(sections).toHaveLength(1);
    expect(sections[0]!.text).toContain("## not a heading");
  });
});

describe("toPlainText", () => {
  it("drops MDX imports, JSX tags, admonition fences and link targets but keeps their words and the admonition's title", () => {
    // The title is shown on the page (Docusaurus turns `:::tip Careful` into `:::tip[Careful]`), so it is text too.
    const text = toPlainText('import Tabs from "@theme/Tabs";\n\n:::tip Careful\nUse <Highlight color="red">two</Highlight> [motors](./motors.md).\n:::\n');
    expect(text).toBe("Careful\nUse two motors.");
  });

  it("removes _emphasis_ and **strong** markers but keeps snake_case identifiers intact", () => {
    expect(toPlainText("Call _now_ the **read_encoder_ticks** function, with `max_speed`.")).toBe("Call now the read_encoder_ticks function, with max_speed.");
  });
});

describe("level blocks", () => {
  const doc = [
    "## Motor control",
    "",
    "Every motor needs a driver.",
    "",
    '<ForLevel level="beginner" track="hardware">',
    "",
    "A driver is a switch that the board flips very fast.",
    "",
    "</ForLevel>",
    "",
    '<ForLevel level="advanced">',
    "",
    "Field-oriented control aligns the stator current with the rotor flux.",
    "",
    "### Current loops",
    "",
    "The inner loop runs at 20 kHz.",
    "",
    "</ForLevel>",
    "",
    "Back to everyone.",
  ].join("\n");

  it("makes each block's content its own section with the block's level and track, at the section's anchor", () => {
    const { sections } = splitIntoSections(doc, { file: "motors.mdx", mdxOnly: true });
    expect(sections.map((section) => [section.anchor, section.block?.level ?? null, section.block?.track ?? null, section.text])).toEqual([
      ["motor-control", null, null, "Every motor needs a driver."],
      ["motor-control", "beginner", "hardware", "A driver is a switch that the board flips very fast."],
      ["motor-control", "advanced", null, "Field-oriented control aligns the stator current with the rotor flux."],
      ["current-loops", "advanced", null, "The inner loop runs at 20 kHz."],
      ["current-loops", null, null, "Back to everyone."],
    ]);
    expect(new Set(sections.map((section) => section.key)).size).toBe(sections.length);
  });

  it("fails on an unknown level or track, naming the file and the line", () => {
    expect(() => splitIntoSections('Intro.\n\n<ForLevel level="expert">\n\nx\n\n</ForLevel>\n', { file: "docs/a.mdx" })).toThrow(
      /docs\/a\.mdx:3: <ForLevel> level "expert" is unknown/,
    );
    expect(() => splitIntoSections('\n<ForLevel level="beginner" track="cooking">\n\nx\n\n</ForLevel>\n', { file: "docs/b.md" })).toThrow(
      /docs\/b\.md:2: <ForLevel> track "cooking" is unknown/,
    );
    expect(() => splitIntoSections('<ForLevel track="hardware">\n\nx\n\n</ForLevel>\n', { file: "c.mdx" })).toThrow(/c\.mdx:1: <ForLevel> level is missing/);
  });

  it("reports an .mdx file that is not valid MDX with its line", () => {
    expect(() => splitIntoSections("---\ntitle: x\n---\n\nText {1 +}\n", { file: "d.mdx", mdxOnly: true })).toThrow(/d\.mdx:5: not valid MDX/);
  });

  it("reads what the site renders inside JSX and admonitions: headings split, comments and imports are not text", () => {
    const { sections } = splitIntoSections(
      'import Tabs from "@theme/Tabs";\n\n## Install\n\n{/* not shown */}\n\n<Tabs>\n<TabItem value="apt">\n\n### With apt\n\nRun apt.\n\n</TabItem>\n</Tabs>\n\n:::warning[Mind the voltage]\n\n### Inside a warning\n\nUse 5 V.\n\n:::\n',
      { mdxOnly: true },
    );
    expect(sections.map((section) => [section.anchor, section.text])).toEqual([
      // The admonition's title is rendered before the heading inside it, so it ends the section above.
      ["with-apt", "Run apt.\nMind the voltage"],
      ["inside-a-warning", "Use 5 V."],
    ]);
  });

  it("reads code fences' languages and sizes, and GFM tables as text", () => {
    const { sections } = splitIntoSections("## Code\n\n```python\na = 1\nb = 2\n```\n\n| pin | use |\n| --- | --- |\n| 3 | PWM |\n");
    expect(sections[0]!.code).toMatchObject([{ lang: "python", lines: 2 }]);
    expect(sections[0]!.text).toContain("3 PWM");
  });
});
