// The `@theme/…` modules are ambient declarations, so they are referenced rather than imported.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./theme.d.ts" />
import type { Plugin } from "@docusaurus/types";

/** `themeConfig.lectern` (the sample book's README, "Add Lectern to your own Docusaurus book"). */
export type LecternThemeConfig = {
  /** Lectern's public URL, e.g. "https://accounts.example.org". */
  lecternUrl: string;
  /** "cookie" when the book and Lectern are same-site, "bearer" cross-site, "auto" either (docs/deployment.md). */
  credentials?: "auto" | "cookie" | "bearer";
  /** Gives up on Lectern after this long; the book never waits. Default 4000. */
  timeoutMs?: number;
  /** A section counts as read after this many seconds in view. Default 15. */
  readAfterSeconds?: number;
  /** Adds the reader's item to the navbar (default true). */
  navbarItem?: boolean;
  /** "For you" and "Ask the book" under every doc (default true). */
  forYou?: boolean;
  /** "Was this helpful?" at the end of every doc (default true). */
  feedback?: boolean;
  /** The book's own example for "Ask the book" (e.g. "e.g. PID tuning"); default the translated "Ask about a topic in this book". */
  askPlaceholder?: string;
  /** The docs version Lectern indexes (a version name: "current", "2.x"); default the docs' last version. */
  personalizedVersion?: string;
};

export default function themeLectern(): Plugin;
export function validateThemeConfig(input: { themeConfig: Record<string, unknown> }): Record<string, unknown>;
