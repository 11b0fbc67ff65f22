import { z } from "zod";

/** The three background questions and their answers, as DESIGN.md fixes them. */
export const softwareExperienceLevels = ["beginner", "intermediate", "expert"] as const;
export const backgroundDepthLevels = ["none", "basic", "intermediate", "advanced"] as const;

export const softwareExperienceSchema = z.enum(softwareExperienceLevels);
export const backgroundDepthSchema = z.enum(backgroundDepthLevels);

/** A complete background: every field required, nothing else accepted. */
export const backgroundSchema = z.strictObject({
  software_experience: softwareExperienceSchema,
  programming_background: backgroundDepthSchema,
  hardware_knowledge: backgroundDepthSchema,
});
export type Background = z.infer<typeof backgroundSchema>;

/** A profile update: any subset of the fields, at least one. */
export const backgroundUpdateSchema = backgroundSchema.partial().refine((update) => Object.keys(update).length > 0, "give at least one background field");
export type BackgroundUpdate = z.infer<typeof backgroundUpdateSchema>;

export const backgroundFields = Object.keys(backgroundSchema.shape) as (keyof Background)[];

/** Plain-words questions and one-line hints, shared by the pages and the API docs. */
export const backgroundQuestions = {
  software_experience: {
    question: "How much software have you built?",
    answers: {
      beginner: "New to it, or small scripts and tutorials.",
      intermediate: "I have built and shipped a few projects.",
      expert: "I design and maintain large systems.",
    },
  },
  programming_background: {
    question: "How well do you program (Python, C++ or similar)?",
    answers: {
      none: "I have not programmed yet.",
      basic: "I can read code and write short programs.",
      intermediate: "I write programs of a few thousand lines comfortably.",
      advanced: "I am fluent: concurrency, performance, large codebases.",
    },
  },
  hardware_knowledge: {
    question: "How well do you know hardware (electronics, sensors, motors)?",
    answers: {
      none: "I have not worked with hardware.",
      basic: "I have wired a breadboard or an Arduino kit.",
      intermediate: "I have built robots or embedded devices.",
      advanced: "I design circuits, control loops or robot hardware.",
    },
  },
} as const satisfies {
  [Field in keyof Background]: { question: string; answers: Record<Background[Field], string> };
};
