import { z } from "zod";

/** The content model of DESIGN.md: how advanced a doc is, and which background it needs. */
export const contentLevels = ["beginner", "intermediate", "advanced"] as const;
export const contentTracks = ["software", "programming", "hardware"] as const;
export type ContentLevel = (typeof contentLevels)[number];
export type ContentTrack = (typeof contentTracks)[number];

/**
 * The front matter Lectern reads. Docusaurus keys we do not use pass through untouched;
 * `tracks` also accepts a single track written as a string.
 */
export const docFrontMatterSchema = z.looseObject({
  title: z.string().trim().min(1).optional(),
  id: z.string().regex(/^[^/]+$/, "a doc id without slashes").optional(),
  slug: z.string().min(1).optional(),
  draft: z.boolean().optional(),
  level: z.enum(contentLevels).default("intermediate"),
  tracks: z
    .union([z.enum(contentTracks), z.array(z.enum(contentTracks))])
    .default([])
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]),
});
export type DocFrontMatter = z.infer<typeof docFrontMatterSchema>;

/** A doc the indexer cannot read; the message names the file and the front-matter key. */
export class BookError extends Error {
  override name = "BookError";
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

export function parseFrontMatter(data: unknown, file: string): DocFrontMatter {
  const result = docFrontMatterSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.map(String).join(".") || "front matter";
  const got = valueAt(data, issue.path);
  const shown = got === undefined ? "" : ` (got ${JSON.stringify(got)})`;
  throw new BookError(file, `front matter "${key}": ${issue.message}${shown}`);
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
