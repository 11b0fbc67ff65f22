import { translate } from "@docusaurus/Translate";
import type { Level, Track } from "@lectern/client";

/** A level's name in the book's language: level blocks and "For you"'s chips say it the same way. */
export function levelName(level: Level): string {
  if (level === "beginner") return translate({ id: "lectern.level.beginner", message: "beginner" });
  if (level === "intermediate") return translate({ id: "lectern.level.intermediate", message: "intermediate" });
  return translate({ id: "lectern.level.advanced", message: "advanced" });
}

/** A track's name in the book's language. */
export function trackName(track: Track): string {
  if (track === "software") return translate({ id: "lectern.track.software", message: "software" });
  if (track === "programming") return translate({ id: "lectern.track.programming", message: "programming" });
  return translate({ id: "lectern.track.hardware", message: "hardware" });
}

/** An answer as the background form shows it ("expert" → "Expert"), in the book's language. */
export function answerWord(answer: string): string {
  switch (answer) {
    case "none":
      return translate({ id: "lectern.answer.none", message: "None" });
    case "basic":
      return translate({ id: "lectern.answer.basic", message: "Basic" });
    case "beginner":
      return translate({ id: "lectern.answer.beginner", message: "Beginner" });
    case "intermediate":
      return translate({ id: "lectern.answer.intermediate", message: "Intermediate" });
    case "advanced":
      return translate({ id: "lectern.answer.advanced", message: "Advanced" });
    case "expert":
      return translate({ id: "lectern.answer.expert", message: "Expert" });
    default:
      return answer.charAt(0).toUpperCase() + answer.slice(1);
  }
}
