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
