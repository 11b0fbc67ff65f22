import { within } from "./within";

/** A connection (Redis, a client pool) to close once the server has finished its requests. */
export type ShutdownTask = () => Promise<unknown>;

// On globalThis: the custom server and Next's separately bundled route modules share one list.
const registryKey = Symbol.for("lectern.shutdown-tasks");
type WithTasks = typeof globalThis & { [registryKey]?: Map<string, ShutdownTask> };

function registry(): Map<string, ShutdownTask> {
  const holder = globalThis as WithTasks;
  holder[registryKey] ??= new Map();
  return holder[registryKey];
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
