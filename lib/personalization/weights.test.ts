import { describe, expect, it } from "vitest";
import type { Background } from "@/lib/contract";
import { boostFactor, boostsFor, reasonsFor, targetLevelFor, targetLevelsFor } from "@/lib/personalization";

const background = (
  software: Background["software_experience"],
  programming: Background["programming_background"],
  hardware: Background["hardware_knowledge"],
): Background => ({
  software_experience: software,
  programming_background: programming,
  hardware_knowledge: hardware,
});

describe("targetLevelFor", () => {
  it.each([
    ["beginner", "beginner"],
    ["intermediate", "intermediate"],
    ["expert", "advanced"],
  ] as const)("maps software experience %s to the %s level", (answer, level) => {
    expect(targetLevelFor("software", background(answer, "none", "none"))).toBe(level);
  });

  it.each([
    ["none", "beginner"],
    ["basic", "beginner"],
    ["intermediate", "intermediate"],
    ["advanced", "advanced"],
  ] as const)("maps programming and hardware answer %s to the %s level", (answer, level) => {
    expect(targetLevelFor("programming", background("beginner", answer, "none"))).toBe(level);
    expect(targetLevelFor("hardware", background("beginner", "none", answer))).toBe(level);
  });

  it("reads each track from its own answer", () => {
    expect(targetLevelsFor(background("expert", "basic", "intermediate"))).toEqual({ software: "advanced", programming: "beginner", hardware: "intermediate" });
  });
});

describe("the weight table", () => {
  const novice = boostsFor(background("beginner", "none", "none"));
  const expert = boostsFor(background("expert", "advanced", "advanced"));
  const middle = boostsFor(background("intermediate", "intermediate", "intermediate"));

  it("boosts a chunk at the reader's level most, one a step away less, and pushes down two steps above", () => {
    const hardware = (level: "beginner" | "intermediate" | "advanced") => boostFactor({ level, tracks: ["hardware"] }, novice);
    expect(hardware("beginner")).toBeGreaterThan(hardware("intermediate"));
    expect(hardware("intermediate")).toBeGreaterThan(1);
    expect(hardware("advanced")).toBeLessThan(1);
    expect(boostFactor({ level: "advanced", tracks: ["hardware"] }, middle)).toBeGreaterThan(1);
    expect(boostFactor({ level: "beginner", tracks: ["hardware"] }, middle)).toBeGreaterThan(1);
  });

  it("pushes down beginner material for a track where the reader is advanced", () => {
    expect(boostFactor({ level: "beginner", tracks: ["hardware"] }, expert)).toBeLessThan(1);
    expect(boostFactor({ level: "advanced", tracks: ["hardware"] }, expert)).toBeGreaterThan(
      boostFactor({ level: "intermediate", tracks: ["hardware"] }, expert),
    );
  });

  it("averages over a chunk's tracks so two matching tracks do not count twice, and leaves track-less chunks alone", () => {
    expect(boostFactor({ level: "beginner", tracks: ["hardware", "software"] }, novice)).toBeCloseTo(
      boostFactor({ level: "beginner", tracks: ["hardware"] }, novice),
    );
    expect(boostFactor({ level: "advanced", tracks: [] }, novice)).toBe(1);
  });

  it("explains each boost in plain words, strongest first", () => {
    expect(reasonsFor({ level: "beginner", tracks: ["hardware"] }, novice)).toEqual(["matches your beginner hardware background"]);
    expect(reasonsFor({ level: "advanced", tracks: ["hardware", "programming"] }, novice)).toEqual([
      "ranked lower: advanced material for your beginner hardware background",
      "ranked lower: advanced material for your beginner programming background",
    ]);
    expect(reasonsFor({ level: "intermediate", tracks: ["software", "hardware"] }, boostsFor(background("intermediate", "none", "advanced")))).toEqual([
      "matches your intermediate software background",
      "a step below your advanced hardware background, a quick read",
    ]);
    expect(reasonsFor({ level: "beginner", tracks: ["hardware"] }, [])).toEqual([]);
  });
});
