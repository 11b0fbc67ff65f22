import { usePluginData } from "@docusaurus/useGlobalData";

/** The theme's global data (index.js, allContentLoaded): each doc's chapter, as its sidebar names it. */
type ThemeGlobalData = { chapters?: Record<string, string> };

/** The chapter (the sidebar's top category) of a doc URL, or null when the sidebar does not say. */
export function useChapterOf(url: string | null | undefined): string | null {
  const data = usePluginData("docusaurus-theme-lectern") as ThemeGlobalData | undefined;
  if (!url) return null;
  const page = url.split("#")[0]!.replace(/\/+$/, "");
  return data?.chapters?.[page] ?? null;
}
