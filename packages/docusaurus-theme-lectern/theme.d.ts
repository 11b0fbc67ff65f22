// The theme's components, for books that import them (`@theme/…`) or swizzle them.
declare module "@theme/ForLevel" {
  import type { ReactNode } from "react";
  export type Props = {
    track?: "software" | "programming" | "hardware";
    level: "beginner" | "intermediate" | "advanced";
    title?: string;
    children?: ReactNode;
  };
  export default function ForLevel(props: Props): ReactNode;
}
declare module "@theme/LecternContinueReading" {
  import type { ReactNode } from "react";
  export default function LecternContinueReading(props: { startUrl?: string; startLabel?: ReactNode; className?: string }): ReactNode;
}
declare module "@theme/LecternForYouEntry" {
  import type { ReactNode } from "react";
  export default function LecternForYouEntry(props: { placement: "toc" | "top" }): ReactNode;
}
declare module "@theme/LecternAdaptsNotice" {
  import type { ReactNode } from "react";
  export default function LecternAdaptsNotice(): ReactNode;
}
declare module "@theme/LecternFeedback" {
  import type { ReactNode } from "react";
  export default function LecternFeedback(props: { url: string }): ReactNode;
}
declare module "@theme/LecternReaderPanel" {
  import type { ReactNode } from "react";
  export default function LecternReaderPanel(props: { chapter?: string }): ReactNode;
  export function ReaderPanelLoading(): ReactNode;
}
declare module "@theme/LecternReaderNavbarItem" {
  import type { ReactNode } from "react";
  export default function LecternReaderNavbarItem(props: { mobile?: boolean; className?: string }): ReactNode;
}
