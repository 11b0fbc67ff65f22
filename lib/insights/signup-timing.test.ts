import { describe, expect, it } from "vitest";
import { secondsSinceServed, signUpServedStamp } from "./signup-timing";

describe("the signed /sign-up stamp (SC-001)", () => {
  const served = new Date("2026-11-30T10:00:00Z");
  const later = (seconds: number) => new Date(served.getTime() + seconds * 1000);

  it("measures the seconds from serving the page", () => {
    expect(secondsSinceServed(signUpServedStamp(served), later(42.5))).toBe(42.5);
  });

  it("ignores a stamp a client wrote or altered", () => {
    const stamp = signUpServedStamp(served);
    const [, signature] = stamp.split(".");
    expect(secondsSinceServed(`${served.getTime() - 3_600_000}.${signature}`, later(10))).toBeNull();
    expect(secondsSinceServed(`${served.getTime()}.forged`, later(10))).toBeNull();
    expect(secondsSinceServed(undefined, later(10))).toBeNull();
    expect(secondsSinceServed("garbage", later(10))).toBeNull();
  });

  it("ignores a stamp from the future or older than a day", () => {
    expect(secondsSinceServed(signUpServedStamp(later(60)), served)).toBeNull();
    expect(secondsSinceServed(signUpServedStamp(served), later(2 * 24 * 3600))).toBeNull();
  });
});
