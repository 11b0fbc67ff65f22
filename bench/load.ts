/**
 * A small HTTP load generator for the bench (node:http, keep-alive): closed loop (N workers,
 * each sending its next request when the last is answered) and open loop (requests started on a
 * schedule, whatever the answers). It runs in the bench process, a second process on loopback.
 */
import { Agent, request as httpRequest } from "node:http";

export type Sent = { method?: string; path: string; headers?: Record<string, string>; body?: unknown };
export type Answered = { status: number; ms: number; body: string };
export type LoadResult = { requests: number; errors: number; statuses: Record<number, number>; perSecond: number; p50: number; p99: number; seconds: number };

/** Longer than any queue a saturated row builds here (the class's p99 reached seconds, not tens of them). */
const answerTimeoutMs = 60_000;

export class LoadClient {
  readonly agent: Agent;
  constructor(
    readonly baseUrl: string,
    maxSockets = 256,
  ) {
    // A connection idle 4 s is dropped here, before the server's 5 s keep-alive closes it: reusing one as
    // the server closes it fails the request (a reset), which a browser would retry and this client does not.
    this.agent = new Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  }

  send(sent: Sent): Promise<Answered> {
    const url = new URL(sent.path, this.baseUrl);
    const payload = sent.body === undefined ? undefined : JSON.stringify(sent.body);
    const headers: Record<string, string> = { ...(sent.headers ?? {}) };
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(payload));
    }
    const started = performance.now();
    return new Promise((resolve) => {
      const outgoing = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: sent.method ?? (payload ? "POST" : "GET"), headers, agent: this.agent },
        (incoming) => {
          const parts: Buffer[] = [];
          incoming.on("data", (part: Buffer) => parts.push(part));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(parts).toString() }));
          incoming.on("error", () => resolve({ status: 0, ms: performance.now() - started, body: "" }));
        },
      );
      outgoing.on("error", () => resolve({ status: 0, ms: performance.now() - started, body: "" }));
      // A server that stops answering fails its rows (status 0) instead of holding the bench forever.
      outgoing.setTimeout(answerTimeoutMs, () => outgoing.destroy(new Error("no answer")));
      if (payload !== undefined) outgoing.write(payload);
      outgoing.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(times: number[], statuses: number[], seconds: number, ok = (status: number) => status >= 200 && status < 300): LoadResult {
  const sorted = [...times].sort((a, b) => a - b);
  const counted: Record<number, number> = {};
  for (const status of statuses) counted[status] = (counted[status] ?? 0) + 1;
  return {
    requests: times.length,
    errors: statuses.filter((status) => !ok(status)).length,
    statuses: counted,
    perSecond: times.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    seconds,
  };
}

/** `connections` workers for `seconds`, each sending `next(i)` (i counts requests overall). */
export async function closedLoop(client: LoadClient, connections: number, seconds: number, next: (i: number) => Sent): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: number[] = [];
  let index = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const answer = await client.send(next(index++));
        times.push(answer.ms);
        statuses.push(answer.status);
      }
    }),
  );
  return summarize(times, statuses, (performance.now() - started) / 1000);
}

/** Runs `work` for each item with at most `concurrency` at a time. */
export async function inBatches<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/** A distinct client address per index, as X-Forwarded-For (the server trusts one hop). */
export function addressFor(index: number, network = 10): string {
  return `${network}.${(index >> 14) & 255}.${(index >> 6) & 255}.${(index & 63) + 1}`;
}
