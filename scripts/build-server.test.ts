import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, buildServerIfNeeded, compiledServerPath, inputsFileOf, nodeSpecifier, serverBuildIsStale } from "./build-server";

const root = path.resolve(import.meta.dirname, "..");
// Inside the repository, as dist/ is: the compiled server finds its packages in node_modules above it.
const outDir = path.join(root, "dist", `test-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the compiled production server", () => {
  let output = "";
  beforeAll(async () => {
    output = await buildServer("scripts/start.ts", outDir);
  });

  it("is one module for plain node: this repository's files inside, packages left to node_modules", () => {
    const code = readFileSync(output, "utf8");
    // Booleans, not the text: a failure should not print 170 KB of JavaScript.
    expect(code.includes("shutting down: no new connections")).toBe(true); // scripts/start.ts
    expect(code.includes("lectern.process-singletons")).toBe(true); // lib/singleton, reached through `@/`
    expect(/from "next"/.test(code)).toBe(true);
    expect(/import\("@electric-sql\/pglite"\)/.test(code)).toBe(true);
    expect(/from "tsx|"@\//.test(code)).toBe(false);
  });

  it("runs without a TypeScript loader and reports a configuration error as one line", () => {
    const run = spawnSync(process.execPath, [output, "--prebuilt"], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "not-a-port", DATA_DIR: mkdtempSync(path.join(tmpdir(), "build-server-")) },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("PORT");
  });

  it("is stale once a file it was made from is newer or gone, and fresh again after a compile", async () => {
    expect(compiledServerPath("scripts/start.ts", outDir)).toBe(output);
    expect(serverBuildIsStale("scripts/start.ts", outDir)).toBe(false);
    const inputs = JSON.parse(readFileSync(inputsFileOf(output), "utf8")) as string[];
    expect(inputs).toEqual(expect.arrayContaining(["scripts/start.ts", "scripts/serve.ts", "lib/singleton/index.ts"]));
    expect(inputs.some((input) => input.includes("node_modules"))).toBe(false);

    // An input written after the compile (a scratch file listed among the inputs: no real source is touched).
    const scratch = path.join(mkdtempSync(path.join(tmpdir(), "build-server-input-")), "input.ts");
    writeFileSync(scratch, "export {};\n");
    const later = new Date(Date.now() + 60_000);
    utimesSync(scratch, later, later);
    writeFileSync(inputsFileOf(output), JSON.stringify([...inputs, path.relative(root, scratch)]));
    expect(serverBuildIsStale("scripts/start.ts", outDir)).toBe(true);

    writeFileSync(inputsFileOf(output), JSON.stringify([...inputs, "scripts/no-such-file.ts"]));
    expect(serverBuildIsStale("scripts/start.ts", outDir)).toBe(true);

    expect(await buildServerIfNeeded("scripts/start.ts", outDir)).toBe(output);
    expect(serverBuildIsStale("scripts/start.ts", outDir)).toBe(false);
  });
});

describe("deep imports, as Node's ESM loader needs them", () => {
  const importer = path.join(root, "scripts", "serve.ts");
  it("names the file in a package without an exports map (what tsx and bundlers complete)", () => {
    expect(nodeSpecifier("next/server", importer)).toBe("next/server.js");
    expect(nodeSpecifier("next/dist/server/lib/release-compression-stream", importer)).toBe("next/dist/server/lib/release-compression-stream.js");
    expect(nodeSpecifier("next/dist/compiled/compression", importer)).toBe("next/dist/compiled/compression/index.js");
  });

  it("leaves packages, paths that name a file, and packages with an exports map as they are", () => {
    expect(nodeSpecifier("next", importer)).toBe("next");
    expect(nodeSpecifier("next/server.js", importer)).toBe("next/server.js");
    expect(nodeSpecifier("better-auth/api", importer)).toBe("better-auth/api");
    expect(nodeSpecifier("@better-auth/core/utils/ip", importer)).toBe("@better-auth/core/utils/ip");
  });
});
