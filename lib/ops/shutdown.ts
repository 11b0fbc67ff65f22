import { processSingleton } from "@/lib/singleton";
import { within } from "./within";

/** A connection (Redis, a client pool) to close once the server has finished its requests. */
export type ShutdownTask = () => Promise<unknown>;

function registry(): Map<string, ShutdownTask> {
  return processSingleton("shutdown-tasks", () => new Map<string, ShutdownTask>());
}

/** Concerns that open a long-lived connection register how to close it (one task per name). */
export function onShutdown(name: string, task: ShutdownTask): void {
  registry().set(name, task);
}

/** Runs every task at once, each given at most `budgetMs`; returns the names that failed or ran out. */
export async function runShutdownTasks(budgetMs: number): Promise<string[]> {
  const tasks = [...registry()];
  registry().clear();
  const outcomes = await Promise.allSettled(tasks.map(([, task]) => within(budgetMs, task)));
  return tasks.filter((_, index) => outcomes[index]!.status === "rejected").map(([name]) => name);
}
