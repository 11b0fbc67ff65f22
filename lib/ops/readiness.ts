import { sql } from "drizzle-orm";
import { database } from "@/db";
import { processSingleton } from "@/lib/singleton";
import { recordDependencyReady } from "./metrics";
import { within } from "./within";

export type CheckResult = { ok: boolean; ms: number; detail?: string };
export type Check = () => Promise<Omit<CheckResult, "ms">>;

/** Built from the configuration: what to probe (content engine, Redis) follows it, and is probed again after a test's reset. */
function registry(): Map<string, Check> {
  return processSingleton("readiness-checks", () => new Map<string, Check>([["database", checkDatabase]]), { builtFromConfig: true });
}

/** Concerns with an outside dependency (content engine, Redis) add their probe here. */
export function registerReadinessCheck(name: string, check: Check): void {
  registry().set(name, check);
}

async function checkDatabase() {
  await (await database()).execute(sql`select 1`);
  return { ok: true };
}

const checkTimeoutMs = 2000;

/** Whether the database answers now (1 s at most): tells an outage from a bug after an unexplained error. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await within(1000, checkDatabase);
    return true;
  } catch {
    return false;
  }
}

async function timed(check: Check): Promise<CheckResult> {
  const started = performance.now();
  try {
    const result = await within(checkTimeoutMs, check);
    return { ...result, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : "failed";
    return { ok: false, ms: Math.round(performance.now() - started), detail };
  }
}

/** Runs every registered check in parallel; ready only when all pass. */
export async function readiness(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
  const entries = await Promise.all([...registry()].map(async ([name, check]) => [name, await timed(check)] as const));
  for (const [name, result] of entries) recordDependencyReady(name, result.ok);
  const checks = Object.fromEntries(entries);
  return { ready: entries.every(([, result]) => result.ok), checks };
}
