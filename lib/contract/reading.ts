import { z } from "zod";

/**
 * The adaptive book's contract (DESIGN "The adaptive book"): reading progress and section
 * feedback. Bodies are strict; a url is a route of the book, with `#anchor` for a section.
 */
const sectionUrlSchema = z
  .string()
  .max(500, "at most 500 characters")
  .regex(/^\/[^\s?]*$/, "a path of the book starting with /, with an optional #anchor and no query")
  // Never another host (`//evil.com`), a climb out of the book (`/../`), or invisible format
  // characters (RTL overrides) that make a url read as another one.
  .refine((url) => !url.startsWith("//") && !/(^|\/)\.\.?(\/|#|$)/.test(url) && !/\p{Cf}/u.test(url), "a path of the book (no //, .. or format characters)");

/** Lectern postdates 2000: an earlier year is a client's mistake, never a time to store (year 1 came back as 2001). */
const earliestMark = Date.UTC(2000, 0, 1);

const readingStates = ["read", "unread"] as const;
export const maxProgressSections = 200;

export const progressEntrySchema = z.strictObject({
  url: sectionUrlSchema,
  state: z.enum(readingStates),
  at: z.iso
    .datetime({ offset: true })
    .refine((at) => Date.parse(at) >= earliestMark, "a time in the year 2000 or later")
    .describe("When the reader's browser saw the change; the latest wins (a time ahead of the server's clock counts as now)"),
});

export const progressBodySchema = z.strictObject({
  sections: z.array(progressEntrySchema).min(1, "at least one section").max(maxProgressSections, `at most ${maxProgressSections} sections a call`),
});

const timestamp = z.iso.datetime({ offset: true });

export const progressSectionSchema = z.object({ url: z.string(), state: z.enum(readingStates), updated_at: timestamp });

export const progressPutResponseSchema = z.object({
  sections: z.array(progressSectionSchema).describe("The stored state of each url sent (an older `at` does not overwrite a newer one)"),
});

export const progressResponseSchema = z.object({
  sections: z.array(progressSectionSchema),
  continue: z
    .object({ url: z.string(), title: z.string() })
    .nullable()
    .describe("The next unread section at the reader's level after the one read last, in book order; null before any reading or when all are read"),
});

export const feedbackReasons = ["too_hard", "too_easy", "unclear", "outdated", "other"] as const;
const maxFeedbackComment = 1000;

export const feedbackBodySchema = z.strictObject({
  url: sectionUrlSchema,
  helpful: z.boolean(),
  reason: z.enum(feedbackReasons).optional(),
  comment: z
    .string()
    .max(maxFeedbackComment, `at most ${maxFeedbackComment} characters`)
    .transform((value) => value.trim())
    .optional(),
});
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;

export const feedbackResponseSchema = z.object({
  url: z.string(),
  helpful: z.boolean(),
  reason: z.enum(feedbackReasons).nullable(),
  comment: z.string().nullable(),
  updated_at: timestamp,
});
