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
  server = createServer((_request, response) => {
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
  return { drain, get };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("drainable", () => {
  it("finishes the request in flight, tells its client to close, and refuses new connections", async () => {
    const { drain, get } = await slowServer(300);
    const inFlight = get();
    await sleep(50);
    const drained = drain(5000);
    await sleep(20);
    await expect(get()).rejects.toThrow(/ECONNREFUSED/);
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
    const { drain, get } = await slowServer(10_000);
    const inFlight = get().catch((error: Error) => error);
    await sleep(50);
    expect(await drain(200)).toBe(false);
    expect(await inFlight).toBeInstanceOf(Error);
  });
});
