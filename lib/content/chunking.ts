import GithubSlugger from "github-slugger";
import type { Nodes, Parents, Root, RootContent } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { BookError, contentLevels, contentTracks, type ContentLevel, type ContentTrack } from "./front-matter";

/** A `<ForLevel level="…" track="…">` block: the level and track its content is written for. */
export type LevelBlock = { level: ContentLevel; track: ContentTrack | null; line: number };

/** A fenced code block: its language (as written after the fence), its size in lines and its text (what inference reads for complexity). */
export type CodeBlock = { lang: string | null; lines: number; source?: string };

/** One heading-delimited section of a doc (or one level block inside it), before it gets its doc's metadata. */
export type Section = {
  anchor: string | null;
  heading: string | null;
  text: string;
  /** Unique within the doc: the anchor, plus the block's number for a level block. */
  key: string;
  /** Set when the section is the content of a `<ForLevel>` block: more precise than the doc's front matter. */
  block: LevelBlock | null;
  code: CodeBlock[];
  /** The text without its code blocks (what inference reads for mathematics and tone). */
  prose: string;
};

export type ParseOptions = {
  /** Shown in errors, with the line. */
  file?: string;
  /** `.mdx` files must be MDX; a `.md` file that is not valid MDX is read as CommonMark (Docusaurus's `format: detect`). */
  mdxOnly?: boolean;
};

/** Headings that start a new chunk (h2/h3, the levels Docusaurus puts in its table of contents). */
const splitDepths = new Set([2, 3]);
/** Docusaurus's admonition keywords (its `mdx1Compat.admonitions` turns `:::tip Title` into `:::tip[Title]`). */
const admonitionKeywords = ["note", "tip", "info", "warning", "danger", "caution", "important", "success", "secondary"];

// remark-math as many books enable it (docusaurus.config's remarkPlugins): `$$…$$` is maths, not an MDX expression.
const mdxParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml", "toml"]).use(remarkGfm).use(remarkMath).use(remarkDirective).use(remarkMdx);
const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml", "toml"]).use(remarkGfm).use(remarkMath).use(remarkDirective);

/**
 * What Docusaurus's mdx-loader does to a file before MDX sees it (`mdx1Compat`): `{#id}` on a heading
 * line is escaped (else MDX reads it as an expression) and a legacy admonition title becomes a label.
 * Neither adds or removes a line, so positions still point into the author's file.
 */
function docusaurusPreprocess(source: string): string {
  return source
    .replace(/(^|\n)(#{1,6}(?!#).*)/g, (_line, start: string, heading: string) => start + heading.replace("{#", "\\{#").replace("\\\\{#", "\\{#"))
    .replace(new RegExp(`^([ \\t]*:::(?:${admonitionKeywords.join("|")}))[ \\t]+(?!\\[)(\\S.*?)[ \\t]*$`, "gm"), "$1[$2]");
}

function parse(source: string, options: ParseOptions): Root {
  const prepared = docusaurusPreprocess(source);
  try {
    return mdxParser.parse(prepared);
  } catch (error) {
    if (!options.mdxOnly) return markdownParser.parse(prepared);
    const where = (error as { line?: number }).line;
    const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
    throw new BookError(`${options.file ?? "doc"}${where ? `:${where}` : ""}`, `not valid MDX (${reason.split("\n")[0]})`);
  }
}

/** Text a reader sees of inline content: JSX tags, expressions and comments are not text. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
    case "inlineMath":
    case "math":
      return node.value;
    case "html":
      return node.value.replace(/<!--[\s\S]*?-->/g, " ").replace(/<[^>]*>/g, " ");
    case "mdxTextExpression":
    case "mdxFlowExpression":
    case "mdxjsEsm":
    case "yaml":
      return "";
    case "break":
      return " ";
    case "image":
      return node.alt ?? "";
    case "textDirective":
      // "ratio 3:high" is text that happens to parse as a directive; Docusaurus shows it as written.
      return `:${node.name}${node.children.map(inlineText).join("")}`;
    default:
      // TOML front matter has no mdast type of its own.
      return "children" in node ? (node.children as Nodes[]).map(inlineText).join("") : "";
  }
}

/** A heading as written, with the id syntaxes Docusaurus reads kept visible: `{#id}`, `<!-- #id -->`, `{/* #id *\/}`. */
function headingSource(node: Nodes): string {
  if (node.type === "mdxTextExpression") return `{${node.value}}`;
  if (node.type === "html") return node.value;
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  return "children" in node ? (node.children as Nodes[]).map(headingSource).join("") : inlineText(node);
}

const flowContainers = new Set(["blockquote", "list", "listItem", "containerDirective", "mdxJsxFlowElement", "footnoteDefinition"]);

function isLevelBlock(node: Nodes): node is MdxJsxFlowElement {
  return node.type === "mdxJsxFlowElement" && node.name === "ForLevel";
}

function attribute(node: MdxJsxFlowElement, name: string, file: string, line: number): string | null {
  const found = node.attributes.find((attr) => attr.type === "mdxJsxAttribute" && attr.name === name);
  if (!found) return null;
  if (typeof found.value !== "string") throw new BookError(`${file}:${line}`, `<ForLevel> ${name} must be written as a plain string, e.g. ${name}="…"`);
  return found.value;
}

/** Reads a `<ForLevel>`'s level and track; an unknown one names the file and line. */
function readLevelBlock(node: MdxJsxFlowElement, parent: LevelBlock | null, file: string): LevelBlock {
  const line = node.position?.start.line ?? 0;
  const level = attribute(node, "level", file, line);
  const track = attribute(node, "track", file, line);
  if (level === null || !(contentLevels as readonly string[]).includes(level)) {
    throw new BookError(
      `${file}:${line}`,
      `<ForLevel> level ${level === null ? "is missing" : `"${level}" is unknown`}; use one of ${contentLevels.join(", ")}`,
    );
  }
  if (track !== null && !(contentTracks as readonly string[]).includes(track)) {
    throw new BookError(`${file}:${line}`, `<ForLevel> track "${track}" is unknown; use one of ${contentTracks.join(", ")}`);
  }
  return { level: level as ContentLevel, track: (track as ContentTrack | null) ?? parent?.track ?? null, line };
}

type Draft = Omit<Section, "text" | "prose"> & { lines: string[]; proseLines: string[]; key: string };

/**
 * Parses a Markdown/MDX doc with the parser Docusaurus uses (remark with MDX, GFM, directives and
 * front matter) and splits it at its h2/h3 headings. Anchors follow Docusaurus: github-slugger over
 * every heading of the doc in order (repeats get `-1`, `-2`), or an explicit id (`{#id}`,
 * `<!-- #id -->`, `{/* #id *\/}`) taken as written. The first h1 is the doc title. The content of
 * each `<ForLevel>` block is its own section carrying the block's level and track.
 */
export function splitIntoSections(source: string, options: ParseOptions = {}): { h1: string | null; sections: Section[] } {
  const file = options.file ?? "doc";
  const tree = parse(source, options);
  const slugger = new GithubSlugger();
  const drafts = new Map<string, Draft>();
  let h1: string | null = null;
  let blocks = 0;
  let sectionNo = 0;
  let current: Draft;

  /** Text before and after a level block inside one section is one chunk: drafts are keyed by section and block. */
  const open = (anchor: string | null, heading: string | null, block: LevelBlock | null, blockId: number) => {
    const draftKey = `${sectionNo}:${blockId}`;
    current = drafts.get(draftKey) ?? {
      anchor,
      heading,
      block,
      code: [],
      lines: [],
      proseLines: [],
      key: blockId ? `${anchor ?? ""}~${blockId}` : (anchor ?? ""),
    };
    drafts.set(draftKey, current);
  };
  open(null, null, null, 0);
  /** Text a reader reads, as opposed to code. */
  const addProse = (line: string) => {
    current.lines.push(line);
    current.proseLines.push(line);
  };

  const walk = (parent: Parents, block: LevelBlock | null, blockId: number) => {
    for (const node of parent.children as RootContent[]) {
      if (node.type === "heading") {
        const { text, anchor } = headingText(headingSource(node), slugger);
        if (node.depth === 1 && h1 === null && !block) h1 = text;
        else if (splitDepths.has(node.depth)) {
          sectionNo++;
          open(anchor, text, block, blockId);
        } else addProse(text);
      } else if (isLevelBlock(node)) {
        const inner = readLevelBlock(node, block, file);
        const { anchor, heading } = current;
        const id = ++blocks;
        open(anchor, heading, inner, id);
        walk(node, inner, id);
        // Text after the block belongs to the section the block ended in, outside the block.
        open(current.anchor, current.heading, block, blockId);
      } else if (flowContainers.has(node.type)) {
        walk(node as Parents, block, blockId);
      } else if (node.type === "code") {
        current.lines.push(node.value);
        current.code.push({ lang: node.lang ?? null, lines: node.value.split("\n").length, source: node.value });
      } else if (node.type === "table") {
        for (const row of node.children) addProse(row.children.map(inlineText).join(" "));
      } else {
        addProse(inlineText(node));
      }
    }
  };
  walk(tree, null, 0);

  const sections = [...drafts.values()]
    .map(({ lines, proseLines, key, ...section }) => ({ ...section, key, text: tidy(lines), prose: tidy(proseLines) }))
    .filter((section) => section.text);
  return { h1, sections };
}

/** Collapses spaces and drops empty lines. */
function tidy(lines: string[]): string {
  return lines
    .join("\n")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

/** An explicit id is used as it is and, as in Docusaurus, neither slugged nor counted by the slugger. */
function headingText(raw: string, slugger: GithubSlugger): { text: string; anchor: string } {
  const explicit = explicitHeadingId(raw);
  const text = (explicit ? explicit.rest : raw)
    .replace(/<!--[\s\S]*?-->|\{\s*\/\*[\s\S]*?\*\/\s*\}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { text, anchor: explicit ? explicit.id : slugger.slug(text) };
}

// The three ways Docusaurus lets a heading name its own id: {#id}, <!-- #id -->, {/* #id */}.
const classicIdPattern = /\s*\{#((?:.(?!\{#|\}))*.)\}\s*$/;
const commentIdPatterns = [/\s*<!--((?:(?!-->).)*)-->\s*$/, /\s*\{\s*\/\*((?:(?!\*\/).)*)\*\/\s*\}\s*$/];

/** Docusaurus reads a comment id from the comment's first word, only when it starts with `#`; comments win over {#id}. */
function explicitHeadingId(raw: string): { id: string; rest: string } | null {
  for (const pattern of commentIdPatterns) {
    const comment = pattern.exec(raw);
    const firstWord = comment?.[1]?.trim().split(" ")[0];
    if (comment && firstWord?.startsWith("#") && firstWord.length > 1) {
      return { id: firstWord.slice(1), rest: raw.slice(0, comment.index) };
    }
  }
  const withoutComments = raw.replace(commentIdPatterns[0]!, "").replace(commentIdPatterns[1]!, "");
  const classic = classicIdPattern.exec(withoutComments);
  const classicId = classic?.[1]?.trim();
  return classic && classicId ? { id: classicId, rest: withoutComments.slice(0, classic.index) } : null;
}

/** Markdown/MDX to searchable text, as the parser reads it: words and code kept, markup, imports and JSX tags dropped. */
export function toPlainText(markdown: string): string {
  const { h1, sections } = splitIntoSections(markdown);
  return [h1, ...sections.flatMap((section) => [section.heading, section.text])].filter(Boolean).join("\n");
}
