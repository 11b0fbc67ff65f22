import { spawn, type ChildProcess } from "node:child_process";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/db";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { ssoAddArguments, startOidcProvider, type TestOidcProvider } from "@/testing/oidc-provider";
import { runScriptProcess } from "@/testing/script-runs";
import { instanceEnvironment, startInstance, type Deployment, type Instance } from "./instance";

/** The ports of this suite's instances (the scale range, 4800-4899). */
export const instancePorts = { a: 4801, b: 4802, shutdown: 4803 } as const;

declare module "vitest" {
  export interface ProvidedContext {
    deployment: Deployment;
    instanceA: string;
    instanceB: string;
    /** The school the class signs in through: the test provider's issuer and Lectern's id for it. */
    school: { issuer: string; providerId: string; domain: string };
  }
}

/**
 * Holds the machine's heavy-work lock for the whole run: `next build` runs under it, and no
 * other build may replace `.next` under the servers while they serve. Without `flock`
 * (not Linux), or in CI, the suite runs unlocked and says so.
 */
async function takeHeavyLock(): Promise<ChildProcess | undefined> {
  // `.ci/run` (CI=true) is the machine's only heavy work and may itself run under the lock:
  // taking it again from inside would wait forever.
  if (process.env.CI) {
    console.log("instances suite: CI is set; not taking /tmp/lectern-heavy.lock (the run owns the machine)");
    return undefined;
  }
  const holder = spawn("flock", ["/tmp/lectern-heavy.lock", "-c", "echo locked; exec cat"], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve) => {
    holder.once("error", () => {
      console.log("instances suite: flock is not available; running without /tmp/lectern-heavy.lock");
      resolve(undefined);
    });
    holder.stdout!.once("data", () => resolve(holder));
  });
}

const serverUrl = process.env.INSTANCES_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// Database 13 of the Redis server: this suite's own keys, away from other suites' db 0.
const redisUrl = `${(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379").replace(/\/\d*$/, "")}/13`;

const school = { providerId: "class-school", domain: "class-school.test" };

/** As an operator would: `npm run admin -- sso add` on the deployment's database (the migrated one). */
async function registerSchool(deployment: Deployment, idp: TestOidcProvider): Promise<void> {
  const run = await runScriptProcess(
    "admin.ts",
    ssoAddArguments(idp, school.domain, school.providerId),
    // The instances' own environment (database, Redis, keys, the provider opened to the plugin), as a shell on that machine would have.
    { ...(instanceEnvironment(deployment, 4800) as NodeJS.ProcessEnv), USER: "instances-suite" },
  );
  if (run.code !== 0) throw new Error(`sso add: ${run.stderr}`);
}

export default async function setup(project: TestProject) {
  const lock = await takeHeavyLock();
  const databaseName = `lectern_instances_${process.pid}`;
  const admin = await openDatabase({ url: serverUrl });
  const instances: Instance[] = [];
  let idp: TestOidcProvider | undefined;
  const teardown = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await idp?.close();
    await admin.db.execute(`drop database if exists ${databaseName} with (force)`).catch(() => {});
    await admin.close();
    lock?.stdin!.end();
  };
  try {
    buildIfNeeded();
    await admin.db.execute(`create database ${databaseName}`);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${databaseName}`;
    const publicUrl = "http://127.0.0.1:4800";
    // The class's school (sso-class.test.ts): a real OpenID Provider, known to the instances before they start.
    idp = await startOidcProvider({ redirectUris: [`${publicUrl}/api/auth/sso/callback/${school.providerId}`] });
    const deployment: Deployment = { databaseUrl: databaseUrl.toString(), redisUrl, publicUrl, ssoIssuer: idp.issuer };
    console.log(`instances suite: Postgres ${databaseUrl.host}/${databaseName}, Redis ${redisUrl}, instances on :${instancePorts.a} and :${instancePorts.b}`);
    // One after the other: the first migrates and indexes the sample book, the second finds both done.
    instances.push(await startInstance(deployment, instancePorts.a));
    instances.push(await startInstance(deployment, instancePorts.b));
    await registerSchool(deployment, idp);
    project.provide("school", { issuer: idp.issuer, ...school });
    project.provide("deployment", deployment);
    project.provide("instanceA", instances[0]!.url);
    project.provide("instanceB", instances[1]!.url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
