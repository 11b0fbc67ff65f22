import { describe, expect, it } from "vitest";
import { snippetFor } from "./snippet";

const long = `${"Intro words that say nothing in particular. ".repeat(10)}The encoder counts ticks as the shaft turns. ${"Closing words. ".repeat(20)}`;

describe("snippetFor", () => {
  it("returns a short body whole", () => {
    expect(snippetFor("A short chunk.", "chunk")).toBe("A short chunk.");
  });

  it("centres on the first query word the chunk contains, marking cuts with an ellipsis", () => {
    const snippet = snippetFor(long, "how does an ENCODER work");
    expect(snippet).toContain("The encoder counts ticks");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(202);
  });

  it("starts at the beginning without a query", () => {
    expect(snippetFor(long, null).startsWith("Intro words")).toBe(true);
  });
});
