import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A Lectern production server in its own process, started the way a deployment starts each
 * instance (`npm start -- --prebuilt`: `tsx scripts/start.ts`, NODE_ENV=production, the `.next`
 * the suite built once), its output kept in a log file that failures quote.
 */
export type Instance = {
  url: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");

/** The shared settings of every instance of one deployment: same database, same Redis, same keys. */
export type Deployment = { databaseUrl: string; redisUrl: string; publicUrl: string };

export type Environment = Record<string, string | undefined>;

export function instanceEnvironment(deployment: Deployment, port: number): Environment {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), `lectern-instance-${port}-`)),
    DATABASE_URL: deployment.databaseUrl,
    DATABASE_POOL_MAX: "5",
    REDIS_URL: deployment.redisUrl,
    BETTER_AUTH_URL: deployment.publicUrl,
    BOOK_ORIGINS: "http://localhost:3001",
    // Behind the one address (a load balancer): the client address comes from X-Forwarded-For.
    TRUSTED_PROXY_HOPS: "1",
    BETTER_AUTH_SECRET: "instances-secret-instances-secret-0123456789",
    PROFILE_ENCRYPTION_KEY: `i1:${Buffer.alloc(32, 13).toString("base64")}`,
    LOG_LEVEL: "info",
  };
}

export function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts `tsx scripts/start.ts` and resolves once `/api/ready` answers 200. */
export async function startInstance(deployment: Deployment, port: number, environment: Environment = {}): Promise<Instance> {
  const logFile = path.join(tmpdir(), `lectern-instance-${port}-${process.pid}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts", "--prebuilt"], {
    cwd: root,
    env: { ...instanceEnvironment(deployment, port), ...environment } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    url,
    port,
    process: child,
    logFile,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`instance on :${port} exited during start-up; its log (${logFile}):\n${logTail(logFile)}`);
    const ready = await fetch(`${url}/api/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return instance;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await instance.stop();
  throw new Error(`instance on :${port} not ready within 120 s; its log (${logFile}):\n${logTail(logFile)}`);
}
