import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexBook } from "@/lib/content";
import { clientIpHeader, resolveClientIp } from "@/lib/http";
import { postgresEngine } from "@/lib/personalization";
import { bookOrigin, call, callJson, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { dispatchedDirectly } from "./hot-route-dispatch";

/**
 * The dispatcher in process, as scripts/serve.ts runs it (client address first, then the hot
 * routes, 404 standing in for Next): its answers are the route handlers' own, bodies streamed
 * in, compression and refusals as the handlers give them. The same requests through Next are
 * reliability/process/hot-routes.test.ts's.
 */
let direct: string;
let server: Server;
let routes: TestServer;
// A book of its own to list: an answer past the compression threshold.
isolateBookDatabase();

beforeAll(async () => {
  await indexBook(path.join(import.meta.dirname, "../lib/content/fixtures/book"), postgresEngine);
  server = createServer((request, response) => {
    request.headers[clientIpHeader] = resolveClientIp(request, 1);
    void dispatchedDirectly(request, response, { port: 3000 }).then((answered) => {
      if (!answered) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  direct = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await routes.close();
});

async function reader() {
  const signedUp = await callJson(routes.url, "/api/v1/auth/signup", {
    body: { email: uniqueEmail("hot"), password: "a hot route password", background: sampleBackground },
  });
  expect(signedUp.status).toBe(201);
  return signedUp.body.session_token as string;
}

describe("hot routes answered by their handlers before Next", () => {
  it("answers only the hot routes' exact paths and exported methods", async () => {
    expect((await call(direct, "/api/health")).status).toBe(200);
    for (const [method, path] of [
      ["GET", "/api/health/"],
      ["HEAD", "/api/health"],
      ["DELETE", "/api/v1/progress"],
      ["GET", "/api/v1/%70ersonalize"],
      ["GET", "/api/auth/list-sessions"],
      ["POST", "/api/v1/auth/signup"],
    ] as const) {
      expect((await call(direct, path, { method })).status, `${method} ${path}`).toBe(404);
    }
  });

  it("a reader's session, personalization, profile and progress, with the handlers' headers", async () => {
    const token = await reader();
    const session = await callJson(direct, "/api/auth/get-session", { token });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toMatch(/^hot/);
    expect(session.headers.get("access-control-allow-origin")).toBe(bookOrigin);
    expect(session.headers.get("x-content-type-options")).toBe("nosniff");
    expect(session.headers.get("x-request-id")).toBeTruthy();
    const ranked = await callJson(direct, "/api/v1/personalize?q=motor&limit=3", { token });
    expect(ranked.status).toBe(200);
    expect(ranked.body.personalized).toBe(true);
    expect((await callJson(direct, "/api/v1/auth/profile", { token })).body.background).toEqual(sampleBackground);
    const at = new Date().toISOString();
    const marked = await callJson(direct, "/api/v1/progress", { method: "PUT", token, body: { sections: [{ url: "/docs/intro", state: "read", at }] } });
    expect(marked.status, marked.text).toBe(200);
    expect((await callJson(direct, "/api/v1/progress", { token })).body.sections).toEqual([expect.objectContaining({ url: "/docs/intro", state: "read" })]);
  });

  it("the same answers as the route handlers served without it, errors included", async () => {
    const token = await reader();
    const ip = uniqueIp();
    const requests: Array<[string, Parameters<typeof call>[2]]> = [
      ["/api/v1/personalize?limit=0", { token, ip }],
      ["/api/v1/personalize?q=a%00b", { token, ip }],
      ["/api/v1/progress", { ip }],
      ["/api/v1/progress", { method: "PUT", token, ip, raw: "{not json" }],
      ["/api/v1/auth/profile", { method: "PUT", token, ip, body: { background: { hardware_knowledge: "wizard" } } }],
      ["/api/auth/get-session", { ip, headers: { authorization: "Bearer notavalidtokenatall0123456789" } }],
      ["/api/v1/personalize", { method: "OPTIONS", ip, headers: { "access-control-request-method": "GET" } }],
      ["/api/v1/personalize", { method: "OPTIONS", ip, origin: "https://evil.example", headers: { "access-control-request-method": "GET" } }],
      // A body refused on its declared length, unread: dropped, so the kept-alive connection serves the next request below.
      ["/api/v1/progress", { method: "PUT", token, ip, raw: JSON.stringify({ sections: [], pad: "x".repeat(300_000) }) }],
    ];
    for (const [path, options] of requests) {
      const here = await callJson(direct, path, options).catch((error: unknown) => {
        throw new Error(`direct: ${options?.method ?? "GET"} ${path}`, { cause: error });
      });
      const there = await callJson(routes.url, path, options).catch((error: unknown) => {
        throw new Error(`test server: ${options?.method ?? "GET"} ${path}`, { cause: error });
      });
      const comparable = (answer: typeof here) => ({
        status: answer.status,
        body: answer.text.replace(/request id [\w-]+/, "request id …"),
        cors: answer.headers.get("access-control-allow-origin"),
        // What Next adds (its router's headers first, its compression's last), which the test server does not.
        vary: answer.headers
          .get("vary")
          ?.replace(/^rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch(, )?/, "")
          .replace(/,? ?Accept-Encoding/, ""),
        connection: answer.headers.get("connection"),
      });
      expect(comparable(here), `${options?.method ?? "GET"} ${path}`).toEqual(comparable(there));
    }
    expect((await call(direct, "/api/health", { ip })).status).toBe(200);
  });

  it("sends a small JSON answer as it is, varying on Accept-Encoding, to a client that asks for gzip", async () => {
    const response = await fetch(`${direct}/api/health`, { headers: { "accept-encoding": "gzip", "x-forwarded-for": uniqueIp() } });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/, Accept-Encoding$/);
    expect((await response.json()).status).toBe("ok");
  });

  it("compresses a large answer as Next would, for a client that asks", async () => {
    // The whole book's listing: 20 results, well past the 1 KiB threshold.
    const response = await fetch(`${direct}/api/v1/personalize?limit=20`, { headers: { "accept-encoding": "gzip", "x-forwarded-for": uniqueIp() } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("vary")).toContain("Accept-Encoding");
    const raw = await fetch(`${direct}/api/v1/personalize?limit=20`, { headers: { "accept-encoding": "identity", "x-forwarded-for": uniqueIp() } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    const rawText = await raw.text();
    expect(rawText.length).toBeGreaterThan(1024);
    // fetch has already inflated the first body; both are the same answer.
    expect(JSON.parse(await response.text()).results.length).toBe(JSON.parse(rawText).results.length);
  });
});
