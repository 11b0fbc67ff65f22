import type { Server, ServerResponse } from "node:http";

/** Stops accepting connections, lets the requests in flight finish (up to `graceMs`); true when none was cut. */
export type Drain = (graceMs: number) => Promise<boolean>;

/**
 * Counts the requests in flight on `server` and returns how to drain it. Once draining, every
 * answer says `Connection: close`, so keep-alive clients (a load balancer) reconnect to another
 * instance instead of sending more here.
 */
export function drainable(server: Server): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let onIdle: (() => void) | undefined;
  server.on("request", (_request, response) => {
    inFlight.add(response);
    if (draining) response.shouldKeepAlive = false;
    response.once("close", () => {
      inFlight.delete(response);
      if (inFlight.size === 0) onIdle?.();
    });
  });
  return async (graceMs) => {
    draining = true;
    for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
    server.close();
    server.closeIdleConnections();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished =
      inFlight.size === 0 ||
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
