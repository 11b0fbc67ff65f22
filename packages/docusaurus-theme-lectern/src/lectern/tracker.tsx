import { useLocation } from "@docusaurus/router";
import { useEffect, useRef } from "react";
import { useLecternThemeConfig } from "./config";
import { pagePath } from "./current-page";
import { useReader } from "./reader";

type TrackedSection = { url: string; top: number; bottom: number };

/** The doc's sections as the index cuts them: the text before the first h2/h3, then each h2/h3. */
function sectionsOf(article: Element, page: string): TrackedSection[] {
  const content = article.querySelector(".markdown") ?? article;
  const bounds = content.getBoundingClientRect();
  // A heading inside a folded level block is not on screen (offsetParent is null).
  const headings = [...content.querySelectorAll<HTMLElement>("h2[id], h3[id]")].filter((heading) => heading.offsetParent !== null);
  const tops = headings.map((heading) => heading.getBoundingClientRect().top);
  return [
    { url: page, top: bounds.top, bottom: tops[0] ?? bounds.bottom },
    ...headings.map((heading, index) => ({ url: `${page}#${heading.id}`, top: tops[index]!, bottom: tops[index + 1] ?? bounds.bottom })),
  ];
}

/**
 * Marks each section of the doc read once it has been in view for `readAfterSeconds` (counted
 * while the tab is visible; a section is in view when at least half of it, or half the screen,
 * shows). Renders nothing.
 */
export function DocReadingTracker() {
  const { readAfterSeconds } = useLecternThemeConfig();
  const { markRead, readUrls } = useReader();
  const { pathname } = useLocation();
  const known = useRef(readUrls);
  useEffect(() => {
    known.current = readUrls;
  }, [readUrls]);

  useEffect(() => {
    const page = pagePath(pathname);
    const seconds = new Map<string, number>();
    const tick = () => {
      const article = document.querySelector("article");
      if (!article || document.visibilityState !== "visible") return;
      const viewport = window.innerHeight;
      for (const section of sectionsOf(article, page)) {
        const height = section.bottom - section.top;
        const visible = Math.min(section.bottom, viewport) - Math.max(section.top, 0);
        if (height <= 0 || visible < Math.min(height, viewport) / 2) continue;
        const spent = (seconds.get(section.url) ?? 0) + 1;
        seconds.set(section.url, spent);
        if (spent >= readAfterSeconds && !known.current.has(section.url)) markRead(section.url);
      }
    };
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [pathname, readAfterSeconds, markRead]);

  return null;
}
