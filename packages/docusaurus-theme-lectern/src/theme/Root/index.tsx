import { LecternRoot } from "@lectern/theme";
import InitRoot from "@theme-init/Root";
import type { ReactNode } from "react";

/** Wraps the whole site once: one client, one session request, one reader state for every page. */
export default function Root({ children }: { children: ReactNode }) {
  return (
    <InitRoot>
      <LecternRoot>{children}</LecternRoot>
    </InitRoot>
  );
}
