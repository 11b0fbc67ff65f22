import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import NotFound from "./not-found";

describe("the 404 page", () => {
  it("says the page does not exist and offers a way back to the book and to the account", () => {
    const html = renderToStaticMarkup(<NotFound />);
    const { BOOK_NAME: bookName, BOOK_URL: bookUrl } = config();
    expect(html).toContain("This page does not exist");
    expect(html).toContain(`href="${bookUrl}"`);
    expect(html).toContain(`Back to ${bookName.replace("&", "&amp;")}`);
    expect(html).toContain('href="/account"');
  });
});
