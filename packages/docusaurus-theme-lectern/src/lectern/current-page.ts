import { useLocation } from "@docusaurus/router";
import useIsBrowser from "@docusaurus/useIsBrowser";

/** The absolute URL of the page being read, for Lectern's `returnTo` (empty while server-rendering). */
export function useCurrentPageUrl(): string {
  const location = useLocation();
  const isBrowser = useIsBrowser();
  if (!isBrowser) return "";
  return `${window.location.origin}${location.pathname}${location.search}${location.hash}`;
}

/** A doc's route as Lectern indexes it: no trailing slash, no query. */
export function pagePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
}
