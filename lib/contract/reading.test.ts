import { describe, expect, it } from "vitest";
import { feedbackBodySchema, progressBodySchema } from ".";

/** The adaptive book's bodies at the contract's edge (issue 21, findings 7 and 9). */
describe("reading contract", () => {
  const mark = (at: string) => ({ sections: [{ url: "/docs/intro", state: "read", at }] });

  it("refuses a progress time before the year 2000 (year 1 was stored as 2001)", () => {
    expect(progressBodySchema.safeParse(mark("0001-06-01T00:00:00Z")).success).toBe(false);
    expect(progressBodySchema.safeParse(mark("1999-12-31T23:59:59Z")).success).toBe(false);
    expect(progressBodySchema.safeParse(mark("2000-01-01T00:00:00Z")).success).toBe(true);
    expect(progressBodySchema.safeParse(mark("2026-03-01T10:00:00+02:00")).success).toBe(true);
  });

  it("refuses section urls that name another host, climb out of the book or hide format characters", () => {
    for (const url of ["//evil.com/x", "/../../etc/passwd", "/docs/../admin", "/docs/./x", "/docs/\u202Etxt.exe", "/docs/a\u200Bb"]) {
      expect(feedbackBodySchema.safeParse({ url, helpful: true }).success, url).toBe(false);
    }
    for (const url of ["/docs/intro", "/docs/sensing/lidar#point-clouds", "/", "/docs/v1.2/notes"]) {
      expect(feedbackBodySchema.safeParse({ url, helpful: true }).success, url).toBe(true);
    }
  });
});
