import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import { buildServerIfNeeded } from "@/scripts/build-server";

/**
 * A Lectern server in a process of its own, the one way the instances suite, the reliability
 * suite and the bench start one: as a deployment runs it, its entry compiled to JavaScript
 * (scripts/build-server.ts, again only when a source changed) and run by plain `node`, so a
 * signal or a memory reading hits the server itself; its output written to a log file that
 * failures quote, ready once `readyPath` answers 200.
 */
export type LecternProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive: () => boolean;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after `graceMs`. */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<void>;
  /** The log's last lines, for a failure message. */
  tail: (lines?: number) => string;
  /** Every line the process wrote so far, when started with `keepLines` (else empty). */
  lines: string[];
};

export type LecternProcessOptions = {
  port: number;
  /** The entry and its arguments, relative to the repository: `scripts/start.ts --prebuilt`, … (the entry is compiled first). */
  script: string[];
  /** The whole environment of the process (nothing is inherited but what is passed). */
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyPath?: "/api/health" | "/api/ready";
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Keep the output's lines in memory too, for tests that read what the server logged. */
  keepLines?: boolean;
};

const root = path.resolve(import.meta.dirname, "..");

export function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function startLecternProcess(options: LecternProcessOptions): Promise<LecternProcess> {
  const [entry, ...args] = options.script;
  if (!entry) throw new Error("startLecternProcess: no script");
  const compiled = await buildServerIfNeeded(entry);
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), compiled, ...args], {
    cwd: root,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const lines: string[] = [];
  if (options.keepLines) {
    let pending = "";
    const collect = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      lines.push(...parts.filter(Boolean));
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
  }
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      gone = true;
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const server: LecternProcess = {
    url,
    port: options.port,
    child,
    logFile: options.logFile,
    exited,
    alive: () => !gone,
    lines,
    tail: (count) => logTail(options.logFile, count),
    async stop(signal = "SIGTERM", graceMs = 30_000) {
      if (gone) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const timeoutMs = options.readyTimeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`lectern on :${options.port} exited during start-up; its log (${options.logFile}):\n${server.tail()}`);
    const ready = await fetch(`${url}${options.readyPath ?? "/api/health"}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop("SIGKILL");
  throw new Error(`lectern on :${options.port} not ready within ${timeoutMs / 1000} s; its log (${options.logFile}):\n${server.tail()}`);
}
