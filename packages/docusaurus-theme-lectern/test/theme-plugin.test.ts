import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// The theme's entry is CommonJS (Docusaurus requires it whatever the site's module type).
const themeLectern = createRequire(import.meta.url)("../index.js") as (context?: object) => {
  allContentLoaded: (input: { allContent: object; actions: { setGlobalData: (data: unknown) => void } }) => Promise<void>;
};

const sites: string[] = [];
function siteWith(files: Record<string, string>) {
  const siteDir = mkdtempSync(path.join(tmpdir(), "lectern-swizzled-"));
  sites.push(siteDir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(siteDir, file)), { recursive: true });
    writeFileSync(path.join(siteDir, file), text);
  }
  return { siteDir, siteConfig: { themeConfig: { lectern: { lecternUrl: "http://lectern.test" } } } };
}
afterEach(() => {
  for (const site of sites.splice(0)) rmSync(site, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("a site's own swizzles", () => {
  it("stops at an ejected NavbarItem/ComponentTypes without the reader's item, saying which file and what to add", () => {
    const site = siteWith({
      "src/theme/NavbarItem/ComponentTypes.js": 'import Default from "@theme/NavbarItem/DefaultNavbarItem";\nexport default { default: Default };\n',
    });
    expect(() => themeLectern(site)).toThrow(/src\/theme\/NavbarItem\/ComponentTypes\.js .*"custom-lecternReader": LecternReaderNavbarItem/);
  });

  it("accepts one that wraps the theme's, or a navbar without the item", () => {
    const wrapping = siteWith({
      "src/theme/NavbarItem/ComponentTypes.tsx":
        'import ComponentTypes from "@theme-original/NavbarItem/ComponentTypes";\nexport default { ...ComponentTypes };\n',
    });
    expect(() => themeLectern(wrapping)).not.toThrow();
    const ejected = siteWith({ "src/theme/NavbarItem/ComponentTypes.js": "export default {};\n" });
    expect(() => themeLectern({ ...ejected, siteConfig: { themeConfig: { lectern: { lecternUrl: "http://x.test", navbarItem: false } } } })).not.toThrow();
  });

  it("needs nothing for a site's own Root, and warns once for MDX components without <ForLevel>", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const site = siteWith({
      "src/theme/Root.js": "export default function Root({ children }) { return children; }\n",
      "src/theme/MDXComponents.js": "export default {};\n",
    });
    expect(() => themeLectern(site)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/src\/theme\/MDXComponents\.js .*ForLevel/);
  });
});

describe("chapters for Continue", () => {
  it("names each doc by its sidebar's top category, in every version", async () => {
    const setGlobalData = vi.fn();
    const version = (prefix: string) => ({
      docs: [
        { id: "intro", permalink: `${prefix}/` },
        { id: "control/pid", permalink: `${prefix}/control/pid` },
        { id: "control/deep/mpc", permalink: `${prefix}/control/deep/mpc/` },
      ],
      sidebars: {
        book: [
          { type: "doc", id: "intro" },
          {
            type: "category",
            label: "Control",
            link: { type: "doc", id: "control/pid" },
            items: [{ type: "category", label: "Deeper", items: [{ type: "doc", id: "control/deep/mpc" }] }],
          },
        ],
      },
    });
    await themeLectern().allContentLoaded({
      allContent: { "docusaurus-plugin-content-docs": { default: { loadedVersions: [version("/docs"), version("/docs/1.x")] } } },
      actions: { setGlobalData },
    });
    expect(setGlobalData).toHaveBeenCalledWith({
      chapters: {
        "/docs/control/pid": "Control",
        "/docs/control/deep/mpc": "Control",
        "/docs/1.x/control/pid": "Control",
        "/docs/1.x/control/deep/mpc": "Control",
      },
    });
  });
});
