/** A result list shows at most this many sections of one page (DESIGN.md, "Content model"). */
export const sectionsPerPage = 2;

/** How many candidates to ask an engine for, so that a list still fills up after grouping by page. */
export function candidatesFor(limit: number): number {
  return Math.min(Math.max(limit * 4, 20), 200);
}

/** The page a section is on: its url without the `#anchor`. */
export const pageOf = (url: string) => url.split("#")[0]!;

export type OtherSection = { section: string; url: string };

/**
 * Keeps the ranked order but shows at most `sectionsPerPage` sections of any page; the page's
 * other matching sections travel with its best result as `also`, so the book can offer "more on
 * this page". A url already listed (a level block is its own chunk at its section's anchor) is
 * not listed again. Engine-agnostic: both engines are asked for more candidates and grouped here.
 */
export function withVariety<T extends { url: string; section: string }>(ranked: T[], limit: number): (T & { also?: OtherSection[] })[] {
  const shown: (T & { also?: OtherSection[] })[] = [];
  const firstOfPage = new Map<string, T & { also?: OtherSection[] }>();
  const shownPerPage = new Map<string, number>();
  const listed = new Set<string>();
  for (const result of ranked) {
    if (listed.has(result.url)) continue;
    const page = pageOf(result.url);
    const count = shownPerPage.get(page) ?? 0;
    if (count < sectionsPerPage) {
      if (shown.length >= limit) continue;
      listed.add(result.url);
      const entry: T & { also?: OtherSection[] } = { ...result };
      shown.push(entry);
      shownPerPage.set(page, count + 1);
      if (!firstOfPage.has(page)) firstOfPage.set(page, entry);
    } else {
      listed.add(result.url);
      const first = firstOfPage.get(page)!;
      (first.also ??= []).push({ section: result.section, url: result.url });
    }
  }
  return shown;
}
