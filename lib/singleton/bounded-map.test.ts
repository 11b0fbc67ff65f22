import { describe, expect, it } from "vitest";
import { BoundedMap, weightOfText } from "./bounded-map";

describe("BoundedMap", () => {
  it("keeps at most maxEntries, dropping the least recently used (a read counts as use)", () => {
    const map = new BoundedMap<string, number>({ maxEntries: 3 });
    map.set("a", 1).set("b", 2).set("c", 3);
    expect(map.get("a")).toBe(1); // a is now the most recent: b is the oldest
    map.set("d", 4);
    expect([...map.entries()]).toEqual([
      ["c", 3],
      ["a", 1],
      ["d", 4],
    ]);
    expect(map.has("b")).toBe(false);
    expect(map.size).toBe(3);
  });

  it("setting a key again replaces it and makes it the most recent", () => {
    const map = new BoundedMap<string, string>({ maxEntries: 2 });
    map.set("a", "1").set("b", "2").set("a", "one").set("c", "3");
    expect([...map.entries()]).toEqual([
      ["a", "one"],
      ["c", "3"],
    ]);
  });

  it("keeps the sum of the weights within maxWeight, and counts deletes and replacements", () => {
    const map = new BoundedMap<string, string>({ maxEntries: 100, maxWeight: 20, weigh: weightOfText });
    map.set("a", "12345").set("b", "12345"); // 10 + 10
    expect(map.weight).toBe(20);
    map.set("c", "1"); // 22 > 20: a goes
    expect(map.has("a")).toBe(false);
    expect(map.weight).toBe(12);
    map.set("b", "1"); // replaced: 2 + 2
    expect(map.weight).toBe(4);
    map.delete("c");
    expect(map.weight).toBe(2);
    map.set("huge", "x".repeat(11)); // heavier than the whole budget: not kept, and it pushes nothing out
    expect(map.has("huge")).toBe(false);
    expect([...map.entries()]).toEqual([["b", "1"]]);
    expect(map.weight).toBe(2);
    map.clear();
    expect([map.size, map.weight]).toEqual([0, 0]);
  });

  it("iterating does not count as use, and entries may be deleted while iterating", () => {
    const map = new BoundedMap<number, number>({ maxEntries: 10 });
    for (let key = 0; key < 6; key++) map.set(key, key);
    for (const [key] of map.entries()) if (key % 2 === 0) map.delete(key);
    expect([...map.entries()].map(([key]) => key)).toEqual([1, 3, 5]);
  });
});
