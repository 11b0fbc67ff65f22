/**
 * A class arriving (issue 25): readers just signed in, each opening a page (get-session, then a
 * personalization with one of its own questions) every 10 s on average (Poisson), their first
 * page spread evenly over the first 10 s. In that window those who arrived keep reading while
 * the others arrive, so it offers about 1.5× the steady rate (2× at its end). Open loop: a slow
 * answer does not slow the schedule. Latency is taken per request, from when it was sent.
 */
import { summarize, type LoadClient, type LoadResult } from "./load";
import { personalizePath, readerHeaders, type Reader } from "./readers";

export const pageEverySeconds = 10;
export const arrivalSeconds = 10;

export type ClassArrival = { whole: LoadResult; arrival: LoadResult; offeredPerSecond: number; arrivalOfferedPerSecond: number };

export async function classArrival(client: LoadClient, readers: Reader[], seconds: number): Promise<ClassArrival> {
  const whole = { times: [] as number[], statuses: [] as number[] };
  const arrival = { times: [] as number[], statuses: [] as number[] };
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const pageView = async (reader: Reader, page: number, inArrival: boolean) => {
    const headers = readerHeaders(reader);
    for (const path of ["/api/auth/get-session", personalizePath(reader.queries[page % reader.queries.length]!)]) {
      const answer = await client.send({ path, headers });
      for (const into of inArrival ? [whole, arrival] : [whole]) {
        into.times.push(answer.ms);
        into.statuses.push(answer.status);
      }
    }
  };
  const gap = () => -Math.log(1 - Math.random()) * pageEverySeconds * 1000;
  await Promise.all(
    readers.map(async (reader, index) => {
      let at = started + ((index + Math.random()) / readers.length) * arrivalSeconds * 1000;
      for (let page = 0; at < end; page++) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
        pending.push(pageView(reader, page, at < started + arrivalSeconds * 1000)); // the next view does not wait for this one
        at += gap();
      }
    }),
  );
  await Promise.all(pending);
  return {
    whole: summarize(whole.times, whole.statuses, seconds),
    arrival: summarize(arrival.times, arrival.statuses, arrivalSeconds),
    offeredPerSecond: (readers.length * 2) / pageEverySeconds,
    arrivalOfferedPerSecond: arrival.times.length / arrivalSeconds,
  };
}
