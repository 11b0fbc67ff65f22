import { translate } from "@docusaurus/Translate";
import type { Level, PersonalizedResult, Track } from "@lectern/client";
import { answerWord, levelName, trackName } from "./words";

/** A background question's name as the reasons say it ("your "Expert" software experience"). */
function questionName(question: string): string {
  if (question === "software_experience") return translate({ id: "lectern.question.softwareExperience", message: "software experience" });
  if (question === "programming_background") return translate({ id: "lectern.question.programmingBackground", message: "programming background" });
  if (question === "hardware_knowledge") return translate({ id: "lectern.question.hardwareKnowledge", message: "hardware knowledge" });
  return question.replace("_", " ");
}

/** The reader's answer to a question: `"Expert" software experience`. */
function answerInWords(question: string, answer: string | undefined): string {
  if (!answer) return questionName(question);
  return translate(
    { id: "lectern.reason.answer", message: '"{answer}" {question}', description: "The reader's answer to a background question, inside a reason" },
    { answer: answerWord(answer), question: questionName(question) },
  );
}

const isLevel = (value: string | undefined): value is Level => value === "beginner" || value === "intermediate" || value === "advanced";
const isTrack = (value: string | undefined): value is Track => value === "software" || value === "programming" || value === "hardware";

/**
 * Why Lectern ranked a result, in the book's language (issue 26, point 12): each of the answer's
 * `reason_codes` through Docusaurus's translate() with an English default, so a book's code.json
 * translates them. A code this theme does not know (or an older Lectern without codes) shows
 * Lectern's English reason.
 */
export function reasonsInWords(result: Pick<PersonalizedResult, "reasons"> & { reason_codes?: PersonalizedResult["reason_codes"] }): string[] {
  const codes = result.reason_codes;
  if (!codes || codes.length !== result.reasons.length) return result.reasons;
  return codes.map(({ code, params }, index) => {
    const answer = () => answerInWords(params.question ?? "", params.answer);
    switch (code) {
      case "introductory":
        return translate({ id: "lectern.reason.introductory", message: "ranked lower: introductory material for your {answer}" }, { answer: answer() });
      case "step_below":
        return translate({ id: "lectern.reason.stepBelow", message: "a step below your {answer}, a quick read" }, { answer: answer() });
      case "matches":
        return translate({ id: "lectern.reason.matches", message: "matches your {answer}" }, { answer: answer() });
      case "matches_weaker":
        return translate(
          { id: "lectern.reason.matchesWeaker", message: "matches your {answer}, weighed below your {strongest}" },
          { answer: answer(), strongest: answerInWords(params.strongest_question ?? "", params.strongest_answer) },
        );
      case "step_beyond":
        return translate({ id: "lectern.reason.stepBeyond", message: "one step beyond your {answer}" }, { answer: answer() });
      case "advanced":
        return translate({ id: "lectern.reason.advanced", message: "ranked lower: advanced material for your {answer}" }, { answer: answer() });
      case "inferred_level":
        if (!isLevel(params.level)) break;
        return params.guess === "yes"
          ? translate(
              { id: "lectern.reason.inferredLevelGuess", message: "inferred {level} (a guess): {signals}" },
              { level: levelName(params.level), signals: params.signals ?? "" },
            )
          : translate(
              { id: "lectern.reason.inferredLevel", message: "inferred {level}: {signals}" },
              { level: levelName(params.level), signals: params.signals ?? "" },
            );
      case "inferred_track":
        if (!isTrack(params.track)) break;
        return translate(
          { id: "lectern.reason.inferredTrack", message: "inferred {track}: {signals}" },
          { track: trackName(params.track), signals: params.signals ?? "" },
        );
      case "read":
        return translate({ id: "lectern.reason.read", message: "ranked lower: you have read this section" });
    }
    return result.reasons[index]!;
  });
}
