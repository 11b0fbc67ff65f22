import { StaticRouter } from "react-router-dom";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useChapterOf } from "@lectern/theme";
import ForLevel from "@theme/ForLevel";
import LecternContinueReading from "@theme/LecternContinueReading";
import LecternFeedback from "@theme/LecternFeedback";
import LecternForYouEntry from "@theme/LecternForYouEntry";
import LecternReaderNavbarItem from "@theme/LecternReaderNavbarItem";
import { ReaderPanelLoading } from "@theme/LecternReaderPanel";

/**
 * The theme's components as a site renders them when its own `src/theme/Root` (or Layout) replaced
 * the theme's: nothing of Lectern's above them. Before issue 26 every one threw "Lectern hooks need
 * a <LecternProvider> above them" and the site's build failed on every page. The book here is
 * French (test/generated/): the words come from its code.json, through Docusaurus's own translate().
 */
const render = (node: ReactNode) => renderToString(<StaticRouter location="/docs/control/tuning">{node}</StaticRouter>);

describe("the theme's components without anything of Lectern's above them", () => {
  it("renders a level block open, for everyone, in the book's language", () => {
    const html = render(
      <ForLevel track="hardware" level="beginner" title="drivers">
        <p>The driver is a tap for current.</p>
      </ForLevel>,
    );
    expect(html).toContain("The driver is a tap for current.");
    expect(html).toContain('data-state="open"');
    expect(html).toContain("débutant matériel");
  });

  it('offers "Start reading" (translated) where the book starts, before any progress is known', () => {
    const html = render(<LecternContinueReading startUrl="/docs/start" />);
    expect(html).toMatch(/<a[^>]*href="\/docs\/start"[^>]*>Commencer la lecture<\/a>/);
    expect(html).toContain('data-testid="start-reading"');
  });

  it("renders nothing for Continue without a start and before any progress", () => {
    expect(render(<LecternContinueReading />)).toBe("");
  });

  it("renders the navbar item's placeholder and the feedback control's nothing while the session loads", () => {
    expect(render(<LecternReaderNavbarItem />)).toContain('aria-hidden="true"');
    expect(render(<LecternReaderNavbarItem mobile />)).toBe("");
    expect(render(<LecternFeedback url="/docs/control/tuning" />)).toBe("");
  });

  it('renders "For you" while loading, and its compact entry, with the translated heading', () => {
    expect(render(<ReaderPanelLoading />)).toContain("Pour vous");
    const entry = render(<LecternForYouEntry placement="toc" />);
    expect(entry).toContain('href="#lectern-for-you"');
    expect(entry).toContain('href="#ask-the-book-input"');
  });
});

function Chapter({ url }: { url: string }) {
  return <>{useChapterOf(url) ?? "none"}</>;
}

describe("useChapterOf", () => {
  it("names a section's chapter from the theme's global data (the sidebar's top category)", () => {
    expect(render(<Chapter url="/docs/control/tuning#ziegler-nichols" />)).toBe("Control");
    expect(render(<Chapter url="/docs/control/tuning/" />)).toBe("Control");
    expect(render(<Chapter url="/docs/elsewhere" />)).toBe("none");
  });
});
