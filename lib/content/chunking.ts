import GithubSlugger from "github-slugger";

/** One heading-delimited section of a doc, before it gets its doc's metadata. */
export type Section = { anchor: string | null; heading: string | null; text: string };

const headingPattern = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
// The three ways Docusaurus lets a heading name its own id: {#id}, <!-- #id -->, {/* #id */}.
const classicIdPattern = /\s*\{#((?:.(?!\{#|\}))*.)\}\s*$/;
const commentIdPatterns = [/\s*<!--((?:(?!-->).)*)-->\s*$/, /\s*\{\s*\/\*((?:(?!\*\/).)*)\*\/\s*\}\s*$/];
const fencePattern = /^\s*(`{3,}|~{3,})/;

/** Headings that start a new chunk (h2/h3, the levels Docusaurus puts in its table of contents). */
const splitDepths = new Set([2, 3]);

/**
 * Splits a Markdown/MDX body at its h2/h3 headings. Anchors follow Docusaurus: github-slugger
 * over every heading of the doc in order (so repeated headings get `-1`, `-2`), or an explicit
 * id (`{#id}`, `<!-- #id -->`, `{/* #id *\/}`) taken as written, like Docusaurus 3.10 does. Headings inside fenced code are text, not headings. The h1 is the doc title.
 */
export function splitIntoSections(markdown: string): { h1: string | null; sections: Section[] } {
  const slugger = new GithubSlugger();
  const sections: Section[] = [];
  let h1: string | null = null;
  let current: Section = { anchor: null, heading: null, text: "" };
  const lines: string[] = [];
  let fence: string | null = null;

  const flush = () => {
    current.text = toPlainText(lines.join("\n"));
    if (current.text || current.heading) sections.push(current);
    lines.length = 0;
  };

  for (const line of markdown.split(/\r?\n/)) {
    const fenceMatch = fencePattern.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
      lines.push(line);
      continue;
    }
    const heading = fence === null ? headingPattern.exec(line) : null;
    if (!heading) {
      lines.push(line);
      continue;
    }
    const depth = heading[1]!.length;
    const { text, anchor } = headingText(heading[2]!, slugger);
    if (depth === 1 && h1 === null) {
      h1 = text;
      continue;
    }
    if (!splitDepths.has(depth)) {
      lines.push(text);
      continue;
    }
    flush();
    current = { anchor, heading: text, text: "" };
  }
  flush();
  return { h1, sections: sections.filter((section) => section.text) };
}

/** An explicit id is used as it is and, as in Docusaurus, neither slugged nor counted by the slugger. */
function headingText(raw: string, slugger: GithubSlugger): { text: string; anchor: string } {
  const explicit = explicitHeadingId(raw);
  if (explicit) return { text: toPlainText(explicit.rest), anchor: explicit.id };
  const text = toPlainText(raw);
  return { text, anchor: slugger.slug(text) };
}

/** Docusaurus reads a comment id from the comment's first word, only when it starts with `#`; comments win over {#id}. */
function explicitHeadingId(raw: string): { id: string; rest: string } | null {
  for (const pattern of commentIdPatterns) {
    const comment = pattern.exec(raw);
    const firstWord = comment?.[1]?.trim().split(" ")[0];
    if (comment && firstWord?.startsWith("#") && firstWord.length > 1) {
      return { id: firstWord.slice(1), rest: raw.slice(0, comment.index) };
    }
  }
  const classic = classicIdPattern.exec(raw);
  const classicId = classic?.[1]?.trim();
  return classic && classicId ? { id: classicId, rest: raw.slice(0, classic.index) } : null;
}

/** Markdown/MDX to searchable text: keeps words and code, drops markup, imports and JSX tags. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/^\s*(import|export)\s.+$/gm, " ")
    .replace(/^\s*(`{3,}|~{3,}).*$/gm, " ")
    .replace(/^\s*:::\w*.*$/gm, " ")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/\*{1,3}([^*\n]+)\*{1,3}/g, "$1")
    // `_emphasis_` only at word boundaries, so identifiers like snake_case_name survive.
    .replace(/(^|\W)_{1,3}([^_\n]+)_{1,3}(?!\w)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^\s*(>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[ \t]+/g, " ")
    .replace(/^ +| +$/gm, "")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
