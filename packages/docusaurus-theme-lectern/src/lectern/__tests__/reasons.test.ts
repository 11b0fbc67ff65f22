import { describe, expect, it } from "vitest";
import { reasonsInWords } from "@lectern/theme";

/**
 * "For you"'s reasons in the book's language (issue 26, point 12): Lectern's reason codes through
 * Docusaurus's translate(). The book here is French for the ids its code.json lists
 * (test/generated/codeTranslations.js) and English, Lectern's own words, for the rest.
 */
const matchesNone = { code: "matches", params: { track: "hardware", question: "hardware_knowledge", answer: "none" } } as const;

describe("reasonsInWords", () => {
  it("says a reason in the book's language from its code and parameters", () => {
    expect(
      reasonsInWords({
        reasons: ['matches your "None" hardware knowledge', "inferred hardware: pins; voltage"],
        reason_codes: [matchesNone, { code: "inferred_track", params: { track: "hardware", signals: "pins; voltage" } }],
      }),
    ).toEqual(["correspond à votre connaissance du matériel « Aucune »", "matériel déduit : pins; voltage"]);
  });

  it("falls back to the English default messages, which say what Lectern says, for ids the book does not translate", () => {
    const reasons = ["inferred advanced (a guess): servo; torque", "inferred intermediate: gear ratio", "ranked lower: you have read this section"];
    expect(
      reasonsInWords({
        reasons,
        reason_codes: [
          { code: "inferred_level", params: { level: "advanced", guess: "yes", signals: "servo; torque" } },
          { code: "inferred_level", params: { level: "intermediate", guess: "no", signals: "gear ratio" } },
          { code: "read", params: {} },
        ],
      }),
    ).toEqual(reasons);
    // The sentence untranslated, the answer inside it as the book words answers.
    expect(
      reasonsInWords({
        reasons: ['a step below your "Intermediate" programming background, a quick read'],
        reason_codes: [{ code: "step_below", params: { track: "programming", question: "programming_background", answer: "intermediate" } }],
      }),
    ).toEqual(["a step below your programming background « Intermediate », a quick read"]);
  });

  it("names both answers of a match weighed below the reader's strongest answer", () => {
    const params = {
      track: "hardware",
      question: "hardware_knowledge",
      answer: "none",
      strongest_track: "software",
      strongest_question: "software_experience",
      strongest_answer: "expert",
    };
    expect(
      reasonsInWords({
        reasons: ['matches your "None" hardware knowledge, weighed below your "Expert" software experience'],
        reason_codes: [{ code: "matches_weaker", params }],
      }),
    ).toEqual(["matches your connaissance du matériel « Aucune », weighed below your software experience « Expert »"]);
  });

  it("shows Lectern's English reason for a code it does not know, and without codes (an older Lectern)", () => {
    const unknown = { code: "something_new", params: {} } as unknown as typeof matchesNone;
    expect(reasonsInWords({ reasons: ["new reason", 'matches your "None" hardware knowledge'], reason_codes: [unknown, matchesNone] })).toEqual([
      "new reason",
      "correspond à votre connaissance du matériel « Aucune »",
    ]);
    expect(reasonsInWords({ reasons: ["from an older Lectern"] })).toEqual(["from an older Lectern"]);
  });
});
