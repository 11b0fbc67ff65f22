const snippetLength = 200;

/** A short window of the chunk's text around the first query word it contains. */
export function snippetFor(body: string, text: string | null): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= snippetLength) return flat;
  const words = (text ?? "").toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const lower = flat.toLowerCase();
  const hits = words.map((word) => lower.indexOf(word)).filter((index) => index >= 0);
  const hit = hits.length ? Math.min(...hits) : 0;
  let start = Math.max(0, hit - snippetLength / 4);
  if (start > 0) start = flat.indexOf(" ", start) + 1 || start;
  let end = Math.min(flat.length, start + snippetLength);
  if (end < flat.length) end = flat.lastIndexOf(" ", end) > start ? flat.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}
