import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { apiDocument } from "@/lib/book-api";
import ApiDocsPage from "./page";

describe("/api-docs", () => {
  const html = renderToStaticMarkup(<ApiDocsPage />);

  it("shows every operation of the OpenAPI document", () => {
    for (const [path, operations] of Object.entries(apiDocument().paths)) {
      for (const method of Object.keys(operations)) expect(html).toContain(`${method.toUpperCase()} ${path}`);
    }
  });

  it("says the session is optional for personalization and required for the profile", () => {
    const section = (path: string) => html.slice(html.indexOf(path), html.indexOf("</section>", html.indexOf(path)));
    expect(section("GET /api/v1/personalize")).toContain("is optional");
    expect(section("GET /api/v1/auth/profile")).toContain("needs a session");
  });

  it("renders Markdown code spans as code, not backticks", () => {
    expect(html).toContain("<code>Authorization: Bearer</code>");
    expect(html).not.toMatch(/`[^`<]+`/);
  });
});
