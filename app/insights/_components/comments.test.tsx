import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReaderComments } from "./comments";

describe("readers' comments on /insights", () => {
  it("shows each section's comments with the day and the randomized level, and says the rules once", () => {
    const html = renderToStaticMarkup(
      <ReaderComments
        comments={{
          minimum_age_hours: 24,
          level_true_chance: 0.58,
          sections: [
            {
              url: "/docs/motors/gears#backlash",
              title: "Gears: Backlash",
              chapter: "Motors and drives",
              comments: [
                { text: "The figure <b>is</b> unclear.", written_on: "2026-12-05", level: "hardware:beginner" },
                { text: "Where is the table?", written_on: "2026-12-01", level: null },
              ],
            },
          ],
        }}
      />,
    );
    expect(html).toContain("<h3>Gears: Backlash</h3>");
    expect(html).toContain("Motors and drives · /docs/motors/gears#backlash");
    // The reader's words as text, never as markup.
    expect(html).toContain("<blockquote>The figure &lt;b&gt;is&lt;/b&gt; unclear.</blockquote>");
    expect(html).toMatch(/<time dateTime="2026-12-05">2026-12-05<\/time> · <i [^>]*aria-hidden="true"><\/i> hardware beginner \(randomized\)/);
    expect(html).toContain("2026-12-01</time> · no background given");
    expect(html).toContain("once it is 24 hours");
    expect(html).toContain("58% of the time");
    expect(html.indexOf("The figure")).toBeLessThan(html.indexOf("Where is the table?"));
  });

  it("says when no comment is old enough yet", () => {
    const html = renderToStaticMarkup(<ReaderComments comments={{ minimum_age_hours: 24, level_true_chance: 0.58, sections: [] }} />);
    expect(html).toContain("No reader has left a comment old enough for this release.");
  });
});
