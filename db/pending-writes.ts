import { processSingleton } from "@/lib/singleton";

/** Writes a concern holds back to batch them; `flush` writes what it holds. */
export type PendingWrites = () => Promise<void>;

function registry(): Map<string, PendingWrites> {
  return processSingleton("pending-writes", () => new Map<string, PendingWrites>());
}

/**
 * A concern that batches writes (personalization events, docs/performance.md) registers how to
 * flush them: readers of what those writes feed (authors' insights, a reader's export, key
 * rotation, account deletion) flush first, and `closeDatabase` flushes before it closes, so a
 * batch never outlives its database (shutdown, scripts, a test file's database).
 */
export function registerPendingWrites(name: string, flush: PendingWrites): void {
  registry().set(name, flush);
}

/** Writes everything held back in this process (other instances flush their own within their interval). */
export async function flushPendingWrites(): Promise<void> {
  await Promise.all([...registry().values()].map((flush) => flush()));
}
