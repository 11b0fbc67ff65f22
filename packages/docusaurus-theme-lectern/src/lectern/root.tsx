import { createLecternClient, type LecternClient } from "@lectern/client";
import { LecternProvider } from "@lectern/client/react";
import type { ComponentType, ReactNode } from "react";
import { useLecternThemeConfig } from "./config";
import { ReaderProvider, useHasReaderProvider } from "./reader";

/** One client per setting for the whole page, however many LecternRoots mount (its token storage is shared anyway). */
const clients = new Map<string, LecternClient>();

function clientFor(baseUrl: string, credentials: "auto" | "cookie" | "bearer", timeoutMs: number): LecternClient {
  const key = JSON.stringify([baseUrl, credentials, timeoutMs]);
  let client = clients.get(key);
  if (!client) {
    client = createLecternClient({ baseUrl, credentials, timeoutMs });
    clients.set(key, client);
  }
  return client;
}

/**
 * Lectern's state for everything below: the client, the reader's session and the reader state
 * (levels, progress). Adds nothing when one is already above, so it can sit at several places:
 * the theme's Root (the whole site, once), its Layout/Provider (every page, for sites whose own
 * `src/theme/Root` replaces the theme's), and around each theme component (sites that replace both).
 */
export function LecternRoot({ children }: { children?: ReactNode }) {
  const provided = useHasReaderProvider();
  const { lecternUrl, credentials, timeoutMs } = useLecternThemeConfig();
  if (provided) return <>{children}</>;
  return (
    <LecternProvider client={clientFor(lecternUrl, credentials, timeoutMs)}>
      <ReaderProvider>{children}</ReaderProvider>
    </LecternProvider>
  );
}

/** The component, with a LecternRoot above it when nothing provides one: works under any Root. */
export function withLecternRoot<Props extends object>(Component: ComponentType<Props>): ComponentType<Props> {
  function WithLecternRoot(props: Props) {
    return (
      <LecternRoot>
        <Component {...props} />
      </LecternRoot>
    );
  }
  WithLecternRoot.displayName = `WithLecternRoot(${Component.displayName ?? Component.name})`;
  return WithLecternRoot;
}
