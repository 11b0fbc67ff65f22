import { describe, expect, it } from "vitest";
import { candidatesFor, withVariety } from "./variety";

const section = (url: string) => ({ url, section: url.split("#")[1] ?? "top" });

describe("withVariety", () => {
  it("shows at most two sections of a page and hands the rest to the page's best result as also", () => {
    const ranked = ["/a#1", "/a#2", "/a#3", "/b#1", "/a#4", "/c"].map(section);
    const shown = withVariety(ranked, 10);
    expect(shown.map((result) => result.url)).toEqual(["/a#1", "/a#2", "/b#1", "/c"]);
    expect(shown[0]!.also).toEqual([
      { section: "3", url: "/a#3" },
      { section: "4", url: "/a#4" },
    ]);
    expect(shown[1]!.also).toBeUndefined();
  });

  it("fills the list from lower-ranked pages and still collects also after the list is full", () => {
    const ranked = ["/a#1", "/a#2", "/a#3", "/b#1", "/c#1", "/a#5"].map(section);
    const shown = withVariety(ranked, 3);
    expect(shown.map((result) => result.url)).toEqual(["/a#1", "/a#2", "/b#1"]);
    expect(shown[0]!.also?.map((other) => other.url)).toEqual(["/a#3", "/a#5"]);
  });

  it("lists a url once: a level block's chunk at an anchor already listed is neither shown nor in also", () => {
    const ranked = ["/a#1", "/a#1", "/a#2", "/a#2", "/a#3", "/a#3"].map(section);
    const shown = withVariety(ranked, 10);
    expect(shown.map((result) => result.url)).toEqual(["/a#1", "/a#2"]);
    expect(shown[0]!.also).toEqual([{ section: "3", url: "/a#3" }]);
  });

  it("asks engines for several times the limit, within bounds", () => {
    expect(candidatesFor(1)).toBe(20);
    expect(candidatesFor(10)).toBe(40);
    expect(candidatesFor(50)).toBe(200);
  });
});
