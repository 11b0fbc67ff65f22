import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo", () => {
  it.each([
    ["/account", "/account"],
    ["/account?tab=sessions#top", "/account?tab=sessions#top"],
    ["http://localhost:3000/account", "/account"],
    ["http://localhost:3001/docs/intro", "http://localhost:3001/docs/intro"],
    ["http://book.test/chapter-1?x=1#part", "http://book.test/chapter-1?x=1#part"],
  ])("allows %s", (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "/.//evil.example/phish",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/./\\evil.example",
    "/\t/evil.example",
    "http://localhost:3000//evil.example",
    "javascript:alert(1)",
    "http://localhost:3002/elsewhere",
    "https://localhost:3001/wrong-scheme",
    "account",
    "",
  ])("refuses %s", (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});
