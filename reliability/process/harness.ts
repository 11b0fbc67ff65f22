import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { callJson, type CallOptions } from "@/testing/accounts";
import { startLecternProcess, type LecternProcess } from "@/testing/lectern-process";
import { distDir } from "./build";

/**
 * Real processes for the fault scenarios, all on loopback and on the reliability range of
 * ports (4700-4799): Lectern's production build, a Postgres cluster and a Redis server of the
 * suite's own (never the shared ones at 5432 and 6379, which other suites use).
 */
export const scratch = "/tmp/lectern-reliability";
export const bookOrigin = "http://localhost:3001";
const secret = "reliability-secret-reliability-secret-0123456789";
const profileKey = `r1:${Buffer.alloc(32, 9).toString("base64")}`;

export type Lectern = LecternProcess;

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not ready within ${timeoutMs} ms`);
}

/** Starts the production build on `port`; resolves once /api/health answers. Its output stays in scratch/lectern-<port>.log. */
export function startLectern(port: number, env: Record<string, string>): Promise<Lectern> {
  mkdirSync(scratch, { recursive: true });
  return startLecternProcess({
    port,
    script: ["reliability/process/lectern-server.ts"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LECTERN_DIST_DIR: distDir,
      BETTER_AUTH_URL: `http://localhost:${port}`,
      BOOK_ORIGINS: bookOrigin,
      BETTER_AUTH_SECRET: secret,
      PROFILE_ENCRYPTION_KEY: profileKey,
      TRUSTED_PROXY_HOPS: "1",
      LOG_LEVEL: "info",
      ...env,
    },
    logFile: path.join(scratch, `lectern-${port}.log`),
    keepLines: true,
  });
}

/** Root may not run Postgres: its tools run as the postgres user then. */
function asPostgres(command: string, args: string[]): void {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
}

/** Debian keeps the server tools out of PATH, in /usr/lib/postgresql/<version>/bin. */
function postgresBin(tool: string): string {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => `/usr/lib/postgresql/${version}/bin/${tool}`).find((candidate) => existsSync(candidate));
  return found ?? tool;
}

export type PostgresCluster = { url: (database?: string) => string; stop: () => void; start: () => void; remove: () => void };

/** A throwaway cluster of the suite's own on `port` (initdb + pg_ctl), fsync off: faults, not durability, are tested. */
export function createPostgresCluster(port: number): PostgresCluster {
  const dir = path.join(scratch, `pg-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chmodSync(scratch, 0o777);
  if (process.getuid?.() === 0) {
    const postgres = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim();
    chownSync(dir, Number(postgres), Number(postgres));
  }
  asPostgres(postgresBin("initdb"), ["-D", dir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => asPostgres(postgresBin("pg_ctl"), ["-D", dir, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const stop = () => asPostgres(postgresBin("pg_ctl"), ["-D", dir, "-m", "fast", "-w", "-t", "60", "stop"]);
  start();
  return {
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    remove: () => {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RedisServer = { url: string; start: () => Promise<void>; stop: () => Promise<void> };

/** A redis-server of the suite's own on `port`, without persistence; stop and start at will. */
export function redisServer(port: number): RedisServer {
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitFor(`redis on :${port}`, 20_000, async () => spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG");
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}

/** A request as the book sends it, from its own client address (TRUSTED_PROXY_HOPS=1): the suites' one JSON call helper. */
export const send = (base: string, pathname: string, options: CallOptions = {}) =>
  callJson(base, pathname, { timeoutMs: 30_000, ...options, ip: options.ip ?? randomAddress() });

let addressCounter = 0;
export function randomAddress(): string {
  addressCounter += 1;
  return `10.${(process.pid >> 8) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255 || 1}`;
}

export const background = { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "none" };

/** A request with any method (fetch refuses TRACE and TRACK), answered status and body. */
export function rawRequest(base: string, pathname: string, method: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${pathname}`, { method, headers: { "x-forwarded-for": randomAddress() } }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    request.end();
  });
}
