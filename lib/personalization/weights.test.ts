import { describe, expect, it } from "vitest";
import { contentLevels, type Background, type ContentLevel, type ContentTrack } from "@/lib/contract";
import { boostFactor, boostsFor, readFactor, readSectionRow, reasonsFor, targetLevelFor, targetLevelsFor } from "@/lib/personalization";
import { inferredReasonCode, reasonCodesFor } from "./weights";
import { boostCases } from "./weights";

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
    const hardware = (level: ContentLevel) => boostFactor({ level, tracks: ["hardware"] }, novice);
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

  it("weighs a match far below the reader's strongest answer as a step away: an expert's list opens at their level", () => {
    // A senior programmer new to hardware (ADR-0044): a beginner hardware page matches their "None", but does not open their list.
    const programmer = boostsFor(background("expert", "advanced", "none"));
    const beginnerHardware = boostFactor({ level: "beginner", tracks: ["hardware"] }, programmer);
    expect(beginnerHardware).toBeCloseTo(1.25);
    expect(boostFactor({ level: "advanced", tracks: ["programming"] }, programmer)).toBeGreaterThan(beginnerHardware);
    expect(boostFactor({ level: "intermediate", tracks: ["programming"] }, programmer)).toBeCloseTo(beginnerHardware);
    // Still lifted (they can use it), and above pages far beyond their hardware answer, which stay pushed down.
    expect(beginnerHardware).toBeGreaterThan(1);
    expect(boostFactor({ level: "advanced", tracks: ["hardware"] }, programmer)).toBeLessThan(1);
    expect(boostFactor({ level: "intermediate", tracks: ["hardware"] }, programmer)).toBeCloseTo(1.25);
    expect(reasonsFor({ level: "beginner", tracks: ["hardware"] }, programmer)).toEqual([
      'matches your "None" hardware knowledge, weighed below your "Expert" software experience',
    ]);
    expect(reasonCodesFor({ level: "beginner", tracks: ["hardware"] }, programmer)).toEqual([
      {
        code: "matches_weaker",
        params: {
          track: "hardware",
          question: "hardware_knowledge",
          answer: "none",
          strongest_track: "software",
          strongest_question: "software_experience",
          strongest_answer: "expert",
        },
      },
    ]);
    // A hardware expert's strongest answer is hardware; a beginner programming page for their "Basic" is weighed below it.
    const hardwareExpert = boostsFor(background("intermediate", "basic", "advanced"));
    expect(reasonsFor({ level: "beginner", tracks: ["programming"] }, hardwareExpert)).toEqual([
      'matches your "Basic" programming background, weighed below your "Advanced" hardware knowledge',
    ]);
    // One step between the answers changes nothing: a match is a match.
    expect(boostFactor({ level: "beginner", tracks: ["hardware"] }, boostsFor(background("intermediate", "intermediate", "none")))).toBeCloseTo(1.6);
    expect(boostFactor({ level: "beginner", tracks: ["hardware"] }, novice)).toBeCloseTo(1.6);
    expect(boostFactor({ level: "intermediate", tracks: ["hardware"] }, boostsFor(background("expert", "advanced", "intermediate")))).toBeCloseTo(1.6);
  });

  it("takes a chunk's best-matching track, not the average of its tracks", () => {
    // The only advanced hardware page, also tagged programming, for a hardware expert who is new to programming.
    const hardwareExpert = boostsFor(background("beginner", "none", "advanced"));
    expect(boostFactor({ level: "advanced", tracks: ["hardware", "programming"] }, hardwareExpert)).toBeCloseTo(1.6);
    expect(boostFactor({ level: "beginner", tracks: ["hardware", "software"] }, novice)).toBeCloseTo(
      boostFactor({ level: "beginner", tracks: ["hardware"] }, novice),
    );
    expect(boostFactor({ level: "advanced", tracks: [] }, novice)).toBe(1);
  });

  it("scales a boost with how sure the level is: a guess moves a section little, an author's label fully", () => {
    const written = boostFactor({ level: "advanced", tracks: ["software"], confidence: 1 }, expert);
    const guessed = boostFactor({ level: "advanced", tracks: ["software"], confidence: 0.35 }, expert);
    expect(written).toBeCloseTo(1.6);
    expect(guessed).toBeCloseTo(1 + 0.35 * 0.6);
    expect(boostFactor({ level: "beginner", tracks: ["software"], confidence: 0.35 }, expert)).toBeGreaterThan(
      boostFactor({ level: "beginner", tracks: ["software"], confidence: 1 }, expert),
    );
  });

  it("compiles the best-track rule into exclusive cases that give the same factor for every level and set of tracks", () => {
    const subsets: ContentTrack[][] = [
      ["software"],
      ["programming"],
      ["hardware"],
      ["software", "programming"],
      ["software", "hardware"],
      ["programming", "hardware"],
      ["software", "programming", "hardware"],
    ];
    for (const boosts of [
      novice,
      expert,
      middle,
      boostsFor(background("expert", "none", "intermediate")),
      boostsFor(background("beginner", "advanced", "none")),
    ]) {
      for (const level of contentLevels) {
        for (const tracks of subsets) {
          const holding = boostCases(boosts).filter(
            (boostCase) =>
              boostCase.level === level &&
              boostCase.tracks.every((track) => tracks.includes(track)) &&
              !boostCase.others.some((track) => tracks.includes(track)),
          );
          expect(holding).toHaveLength(1);
          expect(1 + 0.5 * holding[0]!.weight).toBeCloseTo(boostFactor({ level, tracks: [...tracks], confidence: 0.5 }, boosts), 12);
        }
      }
    }
  });

  it("explains the boost that decided, in the reader's own answers", () => {
    expect(reasonsFor({ level: "beginner", tracks: ["hardware"] }, novice)).toEqual(['matches your "None" hardware knowledge']);
    expect(reasonsFor({ level: "advanced", tracks: ["hardware", "programming"] }, novice)).toEqual([
      'ranked lower: advanced material for your "None" hardware knowledge',
      'ranked lower: advanced material for your "None" programming background',
    ]);
    expect(reasonsFor({ level: "intermediate", tracks: ["software", "hardware"] }, boostsFor(background("intermediate", "none", "advanced")))).toEqual([
      'matches your "Intermediate" software experience',
    ]);
    expect(reasonsFor({ level: "advanced", tracks: ["software"] }, expert)).toEqual(['matches your "Expert" software experience']);
    expect(reasonsFor({ level: "beginner", tracks: ["hardware"] }, [])).toEqual([]);
    const every = [novice, expert, middle, boostsFor(background("expert", "none", "basic"))].flatMap((boosts) => boosts.map((boost) => boost.reason));
    expect(every.filter((reason) => /none programming|(beginner|intermediate|advanced) (software|programming|hardware) background/.test(reason))).toEqual([]);
  });

  it("gives each reason as a code with the track, the background field and the answer, in the same order", () => {
    const chunk = { level: "advanced", tracks: ["hardware", "programming"] } as const;
    expect(reasonCodesFor(chunk, novice)).toEqual([
      { code: "advanced", params: { track: "hardware", question: "hardware_knowledge", answer: "none" } },
      { code: "advanced", params: { track: "programming", question: "programming_background", answer: "none" } },
    ]);
    expect(reasonCodesFor({ level: "advanced", tracks: ["software"] }, expert)).toEqual([
      { code: "matches", params: { track: "software", question: "software_experience", answer: "expert" } },
    ]);
    expect(reasonCodesFor({ level: "advanced", tracks: ["software"], confidence: 0.35 }, expert)).toEqual([]);
    const codes = new Set([novice, expert, middle].flatMap((boosts) => boosts.map((boost) => boost.reasonCode.code)));
    expect([...codes].sort()).toEqual(["advanced", "introductory", "matches", "step_below", "step_beyond"]);
  });

  it("reads an indexer's reason as a code: an inferred level (a guess or not) or track, with the book's own signals", () => {
    expect(inferredReasonCode("inferred advanced (a guess): servo; torque")).toEqual({
      code: "inferred_level",
      params: { level: "advanced", guess: "yes", signals: "servo; torque" },
    });
    expect(inferredReasonCode("inferred beginner: what is a motor")).toEqual({
      code: "inferred_level",
      params: { level: "beginner", guess: "no", signals: "what is a motor" },
    });
    expect(inferredReasonCode("inferred hardware: pins; voltage: 5 V")).toEqual({
      code: "inferred_track",
      params: { track: "hardware", signals: "pins; voltage: 5 V" },
    });
    expect(readSectionRow.code).toEqual({ code: "read", params: {} });
  });

  it("claims no match for a level that is only a guess", () => {
    expect(reasonsFor({ level: "advanced", tracks: ["software"], confidence: 0.35 }, expert)).toEqual([]);
    expect(reasonsFor({ level: "advanced", tracks: ["software"], confidence: 0.8 }, expert)).toEqual(['matches your "Expert" software experience']);
  });

  it("ranks a read section below every unread one when there is no query", () => {
    const best = Math.max(...[novice, expert, middle].flatMap((boosts) => boosts.map((boost) => 1 + boost.weight)));
    const worst = Math.min(...[novice, expert, middle].flatMap((boosts) => boosts.map((boost) => 1 + boost.weight)));
    const read = new Set(["/docs/a"]);
    expect(best * readFactor({ url: "/docs/a" }, read)).toBeLessThan(worst * readFactor({ url: "/docs/b" }, read));
  });
});
