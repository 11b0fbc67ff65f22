import { backgroundSchema } from "@/lib/contract";

/** Every answer of every background question, so a distribution lists the unchosen ones too. */
export const backgroundQuestionAnswers = Object.fromEntries(
  Object.entries(backgroundSchema.shape).map(([question, answers]) => [question, answers.options as readonly string[]]),
) as Record<keyof typeof backgroundSchema.shape, readonly string[]>;
