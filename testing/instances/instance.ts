import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLecternProcess, type LecternProcess } from "@/testing/lectern-process";

/**
 * A Lectern production server in its own process, started the way a deployment starts each
 * instance (`npm start -- --prebuilt`: scripts/start.ts, NODE_ENV=production, the `.next` the
 * suite built once), through the one process starter (testing/lectern-process.ts).
 */
export type Instance = LecternProcess;

/** The shared settings of every instance of one deployment: same database, same Redis, same keys. */
/** `ssoIssuer`: the test OpenID Provider on loopback (testing/oidc-provider), opened to the SSO plugin's fetches. */
export type Deployment = { databaseUrl: string; redisUrl: string; publicUrl: string; ssoIssuer?: string };

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
    ...(deployment.ssoIssuer ? { SSO_PRIVATE_ISSUER_ORIGINS: deployment.ssoIssuer } : {}),
  };
}

/** Starts scripts/start.ts --prebuilt and resolves once `/api/ready` answers 200. */
export function startInstance(deployment: Deployment, port: number, environment: Environment = {}): Promise<Instance> {
  return startLecternProcess({
    port,
    script: ["scripts/start.ts", "--prebuilt"],
    env: { ...instanceEnvironment(deployment, port), ...environment } as NodeJS.ProcessEnv,
    logFile: path.join(tmpdir(), `lectern-instance-${port}-${process.pid}.log`),
    readyPath: "/api/ready",
    readyTimeoutMs: 120_000,
  });
}
