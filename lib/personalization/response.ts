import { z } from "zod";
import { contentLevels, contentTracks } from "@/lib/content";
import { backgroundSchema } from "@/lib/contract";

/** The answer of `GET /api/v1/personalize` (DESIGN.md), shared by the code, the tests and the OpenAPI document. */
export const personalizedResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().describe("The Docusaurus route, with #anchor when the chunk starts at a heading"),
  chapter: z.string(),
  section: z.string(),
  level: z.enum(contentLevels),
  tracks: z.array(z.enum(contentTracks)),
  snippet: z.string(),
  score: z.number(),
  reasons: z
    .array(z.string())
    .describe(
      'Plain-words reasons for each boost that applied ("matches your beginner hardware background"), then, when the level or tracks it used were inferred, why ("inferred hardware: motor, torque, joints")',
    ),
  read: z.boolean().optional().describe("Signed-in readers only: the reader has marked this section read (it ranks lower)"),
  inferred: z
    .object({ level: z.boolean(), tracks: z.boolean() })
    .describe("True where the author wrote no level or tracks and the indexer inferred them; `reasons` then says why"),
  also: z
    .array(z.object({ section: z.string(), url: z.string() }))
    .optional()
    .describe("The page's other matching sections: a list shows at most two sections of one page, the rest travel here"),
});

export const personalizeResponseSchema = z.object({
  personalized: z.boolean(),
  engine: z.enum(["qdrant", "postgres"]),
  profile: z.object({ background: backgroundSchema }).nullable(),
  results: z.array(personalizedResultSchema),
  signup_prompt: z.string().optional().describe("Present when the ranking is not personalized: how to get it"),
});

export type PersonalizedResult = z.infer<typeof personalizedResultSchema>;
export type PersonalizeResponse = z.infer<typeof personalizeResponseSchema>;
