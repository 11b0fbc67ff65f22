import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { clientIpHeader, resolveClientIp } from "@/lib/http";

/**
 * Serves the app's real route handlers (`app/api/**\/route.ts`) over real HTTP, in the test's
 * process and on its database, so suites can drive the API the way the book does without a
 * `next build`. Routing follows Next's file conventions (`[param]`, `[...catchAll]`).
 */
type RouteModule = Record<string, unknown>;
type Route = { pattern: RegExp; paramNames: string[]; catchAll: Set<string>; load: () => Promise<RouteModule> };

const modules = import.meta.glob<RouteModule>("/app/api/**/route.ts");

function compile(file: string, load: () => Promise<RouteModule>): Route {
  const segments = file
    .replace(/^\/app/, "")
    .replace(/\/route\.ts$/, "")
    .split("/")
    .filter(Boolean);
  const paramNames: string[] = [];
  const catchAll = new Set<string>();
  const source = segments
    .map((segment) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) {
        paramNames.push(rest[1]!);
        catchAll.add(rest[1]!);
        return "/(.+)";
      }
      const param = /^\[(\w+)\]$/.exec(segment);
      if (param) {
        paramNames.push(param[1]!);
        return "/([^/]+)";
      }
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return { pattern: new RegExp(`^${source}/?$`), paramNames, catchAll, load };
}

// Static segments first, so `/api/v1/auth/signup` wins over a catch-all.
const routes = Object.entries(modules)
  .map(([file, load]) => compile(file, load))
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(new URL(incoming.url ?? "/", origin), {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream) : undefined,
    duplex: "half",
  } as RequestInit);
}

export type TestServer = { url: string; close: () => Promise<void> };

export async function startTestServer(options: { trustedProxyHops?: number } = {}): Promise<TestServer> {
  let origin = "";
  const server: Server = createServer(async (incoming, outgoing) => {
    incoming.headers[clientIpHeader] = resolveClientIp(incoming, options.trustedProxyHops ?? 0);
    const path = new URL(incoming.url ?? "/", origin).pathname;
    const route = routes.find((candidate) => candidate.pattern.test(path));
    if (!route) {
      outgoing.writeHead(404).end();
      return;
    }
    const match = route.pattern.exec(path)!;
    const params = Object.fromEntries(
      route.paramNames.map((name, index) => {
        const value = match[index + 1]!;
        return [name, route.catchAll.has(name) ? value.split("/") : value];
      }),
    );
    const routeModule = await route.load();
    const handler = routeModule[incoming.method ?? "GET"] as ((request: Request, context: { params: Promise<typeof params> }) => Promise<Response>) | undefined;
    if (!handler) {
      outgoing.writeHead(405).end();
      return;
    }
    const response = await handler(await toRequest(incoming, origin), { params: Promise.resolve(params) });
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name === "set-cookie") return;
      headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) headers["set-cookie"] = cookies;
    outgoing.writeHead(response.status, headers);
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
