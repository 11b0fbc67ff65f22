import { describe, expect, it } from "vitest";
import { continueFrom, isAtReaderLevel, sectionTitle, type OrderedSection } from "./continue";
import type { ProgressRow } from "./progress";

/** "Continue where you left off" and its helpers, on a small book in memory (no database needed). */
const section = (url: string, level: OrderedSection["level"], tracks: OrderedSection["tracks"] = ["software"], heading = ""): OrderedSection => ({
  url,
  title: url.slice(1).toUpperCase(),
  section: heading,
  level,
  tracks,
});
const book: OrderedSection[] = [
  section("/a", "beginner"),
  section("/b", "advanced"),
  section("/c", "beginner"),
  section("/d", "intermediate", []),
  section("/e", "beginner"),
];
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));
const read = (url: string, minute: number): ProgressRow => ({ url, state: "read", updatedAt: at(minute) });
const unread = (url: string, minute: number): ProgressRow => ({ url, state: "unread", updatedAt: at(minute) });
const beginner = { software: "beginner" } as const;

describe("continueFrom", () => {
  it("answers null before the reader has read anything, and when only unread marks exist", () => {
    expect(continueFrom([], book, beginner)).toBeNull();
    expect(continueFrom([unread("/a", 1)], book, beginner)).toBeNull();
  });

  it("starts after the section read last (the latest `at` wins, not the order of the rows)", () => {
    expect(continueFrom([read("/c", 9), read("/a", 1)], book, null)).toEqual({ url: "/d", title: "D" });
    expect(continueFrom([read("/c", 1), read("/a", 9)], book, null)).toEqual({ url: "/b", title: "B" });
  });

  it("skips sections above the reader's level but keeps sections for no track", () => {
    expect(continueFrom([read("/a", 1)], book, beginner)).toEqual({ url: "/c", title: "C" });
    expect(continueFrom([read("/c", 1)], book, beginner)).toEqual({ url: "/d", title: "D" });
  });

  it("wraps to the start of the book once, skipping what is read", () => {
    expect(continueFrom([read("/a", 1), read("/e", 2)], book, beginner)).toEqual({ url: "/c", title: "C" });
  });

  it("answers null when every section at the reader's level is read", () => {
    expect(continueFrom([read("/a", 1), read("/c", 2), read("/d", 3), read("/e", 4)], book, beginner)).toBeNull();
    expect(continueFrom([read("/a", 1), read("/c", 2), read("/d", 3), read("/e", 4)], book, null)).toEqual({ url: "/b", title: "B" });
  });

  it("does not count a section marked unread again as read", () => {
    expect(continueFrom([read("/a", 1), unread("/c", 2)], book, beginner)).toEqual({ url: "/c", title: "C" });
  });
});

describe("isAtReaderLevel", () => {
  it("counts a section at level when its level is the reader's target for one of its tracks", () => {
    const both = { level: "advanced", tracks: ["software", "hardware"] } as const;
    expect(isAtReaderLevel(both, { software: "beginner", hardware: "advanced" })).toBe(true);
    expect(isAtReaderLevel(both, { software: "beginner", hardware: "intermediate" })).toBe(false);
  });

  it("counts every section at level for a reader without a background, and sections for no track for everyone", () => {
    expect(isAtReaderLevel({ level: "advanced", tracks: ["software"] }, null)).toBe(true);
    expect(isAtReaderLevel({ level: "advanced", tracks: [] }, beginner)).toBe(true);
  });
});

describe("sectionTitle", () => {
  it("shows the doc title, then the heading when there is one that differs", () => {
    expect(sectionTitle({ title: "Motors", section: "How a motor spins" })).toBe("Motors: How a motor spins");
    expect(sectionTitle({ title: "Motors", section: "" })).toBe("Motors");
    expect(sectionTitle({ title: "Motors", section: "Motors" })).toBe("Motors");
  });
});
