import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The cut of docs/adr/0024: each `lib/<concern>` is entered through its index.ts, and the
 * concerns import each other without a cycle (a cycle is how auth and book-api got tangled).
 */
const root = path.resolve(import.meta.dirname, "..");
const sourceFiles = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "fixtures" ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
const imports = (file: string) => [...readFileSync(path.join(root, file), "utf8").matchAll(/from "@\/(lib\/[\w-]+|db)(\/[\w/-]+)?"/g)];
const concernOf = (file: string) => (file.startsWith("lib/") ? file.split("/")[1]!.replace(/\.tsx?$/, "") : file.split("/")[0]!);

describe("concerns", () => {
  it("are entered through their face: no @/lib/<concern>/<file> outside the concern", () => {
    const reaching = ["app", "lib", "db", "scripts", "testing", "packages/lectern-client"].flatMap(sourceFiles).flatMap((file) =>
      imports(file)
        .filter(([, target, rest]) => target!.startsWith("lib/") && rest)
        .map(([found]) => `${file}: ${found}`),
    );
    expect(reaching).toEqual([]);
  });

  it("leave the browser client (@lectern/client, ADR-0008) dependency-free: its sources import only each other and react", () => {
    const outside = sourceFiles("packages/lectern-client")
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) =>
        [...readFileSync(path.join(root, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?\sfrom\s+"([^"]+)"|^import\s+"([^"]+)"|\bimport\("([^"]+)"\)/gm)]
          .map(([, from, bare, dynamic]) => (from ?? bare ?? dynamic)!)
          .filter((specifier) => !specifier.startsWith("./") && specifier !== "react")
          .map((specifier) => `${file}: ${specifier}`),
      );
    expect(outside).toEqual([]);
  });

  it("import each other without a cycle", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of [...sourceFiles("lib"), ...sourceFiles("db")].filter((file) => !/\.test\.tsx?$/.test(file))) {
      const from = concernOf(file);
      for (const [, target] of imports(file)) {
        const to = target === "db" ? "db" : target!.split("/")[1]!;
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(" → "));
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
