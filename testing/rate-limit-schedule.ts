import type { RateLimitStore } from "@/lib/rate-limit";

/**
 * One client's requests against a limit of 3 per 1 s: a burst of 4 (the 4th is refused), a
 * pause until the window has passed (it resets), then one request every 0.6 s across several
 * windows. Spaced 0.6 s apart, no 1 s window holds more than 2 of them, so a fixed window must
 * allow every one; a window that every request extends refuses the 4th of them.
 */
export const steadyClientRule = { windowSeconds: 1, max: 3 } as const;
export const steadyClientExpected = [true, true, true, false, true, true, true, true, true, true];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the schedule against `store` under `key`; returns each request's `allowed`. */
export async function runSteadyClient(store: RateLimitStore, key: string): Promise<boolean[]> {
  const rule = { key, ...steadyClientRule };
  const decisions: boolean[] = [];
  const started = Date.now();
  for (let request = 0; request < 4; request += 1) decisions.push((await store.consume(rule)).allowed);
  await sleep(started + 1100 - Date.now());
  for (let request = 0; request < 6; request += 1) {
    if (request > 0) await sleep(600);
    decisions.push((await store.consume(rule)).allowed);
  }
  return decisions;
}
