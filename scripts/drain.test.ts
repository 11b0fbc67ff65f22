import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { drainable } from "./drain";

// A real HTTP server on loopback whose one route answers after `delayMs`.
let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function slowServer(delayMs: number) {
  // Resolved when the server has the request in hand: a busy machine may take any time to get there.
  let arrived = () => {};
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  server = createServer((_request, response) => {
    arrived();
    setTimeout(() => response.end("done"), delayMs);
  });
  const drain = drainable(server);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const get = () =>
    new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/" }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }));
      })
        .on("error", reject)
        .end();
    });
  return { drain, get, requestArrived };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("drainable", () => {
  it("finishes the request in flight, tells its client to close, and refuses new connections", async () => {
    const { drain, get, requestArrived } = await slowServer(300);
    const inFlight = get();
    await requestArrived;
    const drained = drain(5000);
    await sleep(20);
    // Not served: refused, or reset when the connection was queued as the listener closed.
    await expect(get()).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
    expect(await inFlight).toEqual({ status: 200, body: "done", connection: "close" });
    expect(await drained).toBe(true);
  });

  it("does not wait out the grace period when nothing is in flight", async () => {
    const { drain } = await slowServer(300);
    const started = performance.now();
    expect(await drain(5000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000); // did not wait out the grace period
  });

  it("cuts what outlives the grace period and says so", async () => {
    const { drain, get, requestArrived } = await slowServer(10_000);
    const inFlight = get().catch((error: Error) => error);
    await requestArrived;
    expect(await drain(200)).toBe(false);
    expect(await inFlight).toBeInstanceOf(Error);
  });
});
