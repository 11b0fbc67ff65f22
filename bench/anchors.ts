/**
 * The bench's anchors, served beside Lectern and measured in the same run with the same
 * generator: a bare `node:http` server (bench/minimal-node) and a minimal Next 16 app's route
 * handler (bench/minimal-next), each on plain `node` in a process of its own on a free port.
 * Lectern's hot routes are printed as ratios to the bare server: what Next's request pipeline
 * and Lectern's own work cost against the fastest a Node server answers here.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";

export type Anchor = { name: string; url: string; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "..");
const nextCli = path.join(root, "node_modules/next/dist/bin/next");
const minimalNext = path.join(root, "bench/minimal-next");
/** Its next.config.mjs's distDir: under node_modules, which git, ESLint, tsc, Prettier and Vitest leave alone. */
const minimalNextBuild = path.join(root, "node_modules/.cache/lectern-minimal-next");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `args` on plain node, ready once `path` answers 200 (output kept for a failure message). */
async function startAnchor(name: string, args: string[], port: number, readyPath: string): Promise<Anchor> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (part: Buffer) => (output = (output + part.toString()).slice(-4000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(url + readyPath).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { name, url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`bench: the ${name} anchor did not start on :${port}:\n${output}`);
}

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stats.mtimeMs);
}

/** `next build` of the minimal app, when it has none or its sources or Next changed since. */
function buildMinimalNextIfNeeded(): void {
  const buildId = path.join(minimalNextBuild, "BUILD_ID");
  const sources = [minimalNext, path.join(root, "node_modules/next/package.json")];
  if (existsSync(buildId) && sources.every((source) => newestMtime(source) <= statSync(buildId).mtimeMs)) return;
  const build = spawnSync(process.execPath, [nextCli, "build", minimalNext], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`bench: next build of bench/minimal-next failed:\n${build.stdout}\n${build.stderr}`);
}

export async function startBareNode(): Promise<Anchor> {
  return startAnchor("bare node:http", [path.join(root, "bench/minimal-node/server.mjs")], await freePort(), "/");
}

export async function startMinimalNext(): Promise<Anchor> {
  buildMinimalNextIfNeeded();
  const port = await freePort();
  return startAnchor("minimal Next 16 route handler", [nextCli, "start", minimalNext, "--port", String(port), "--hostname", "127.0.0.1"], port, "/api/health");
}
