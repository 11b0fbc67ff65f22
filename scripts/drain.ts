import type { Server } from "node:http";

/** Stops accepting connections, lets the requests in flight finish (up to `graceMs`); true when none was cut. */
export type Drain = (graceMs: number) => Promise<boolean>;

/**
 * Counts the requests in flight on `server` and returns how to drain it. Once draining, every
 * answer says `Connection: close`, so keep-alive clients (a load balancer) reconnect to another
 * instance instead of sending more here.
 */
export function drainable(server: Server): Drain {
  let inFlight = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;
  server.on("request", (_request, response) => {
    inFlight += 1;
    if (draining) response.shouldKeepAlive = false;
    response.once("close", () => {
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
  });
  return async (graceMs) => {
    draining = true;
    server.close();
    server.closeIdleConnections();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished =
      inFlight === 0 ||
      (await Promise.race([
        new Promise<boolean>((resolve) => (onIdle = () => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]));
    clearTimeout(timer);
    // What is left is idle keep-alive sockets, or requests that outlived the grace period.
    server.closeAllConnections();
    return finished;
  };
}
