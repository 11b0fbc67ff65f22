import useDocusaurusContext from "@docusaurus/useDocusaurusContext";
import { createLecternClient } from "@lectern/client";
import { LecternProvider } from "@lectern/client/react";
import { useMemo, type ReactNode } from "react";

/** Wraps the whole site once, so the navbar and every doc page share one client and one session request. */
export default function Root({ children }: { children: ReactNode }) {
  const { siteConfig } = useDocusaurusContext();
  const lecternUrl = String(siteConfig.customFields?.lecternUrl ?? "http://localhost:3000");
  // Same-site with Lectern (docs/deployment.md, layout 1): the HttpOnly cookie is the session; keep no token.
  const client = useMemo(
    () => createLecternClient({ baseUrl: lecternUrl, credentials: "cookie", timeoutMs: 4000 }),
    [lecternUrl],
  );
  return <LecternProvider client={client}>{children}</LecternProvider>;
}
