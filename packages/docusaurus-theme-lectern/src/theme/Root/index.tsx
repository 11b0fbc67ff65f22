import { createLecternClient } from "@lectern/client";
import { LecternProvider } from "@lectern/client/react";
import { ReaderProvider, useLecternThemeConfig } from "@lectern/theme";
import InitRoot from "@theme-init/Root";
import { useMemo, type ReactNode } from "react";

/** Wraps the whole site once: one client, one session request, one reader state for every page. */
export default function Root({ children }: { children: ReactNode }) {
  const { lecternUrl, credentials, timeoutMs } = useLecternThemeConfig();
  const client = useMemo(() => createLecternClient({ baseUrl: lecternUrl, credentials, timeoutMs }), [lecternUrl, credentials, timeoutMs]);
  return (
    <InitRoot>
      <LecternProvider client={client}>
        <ReaderProvider>{children}</ReaderProvider>
      </LecternProvider>
    </InitRoot>
  );
}
