import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import * as sessionRoute from "@/app/api/auth/[...all]/route";
import * as healthRoute from "@/app/api/health/route";
import * as profileRoute from "@/app/api/v1/auth/profile/route";
import * as personalizeRoute from "@/app/api/v1/personalize/route";
import * as progressRoute from "@/app/api/v1/progress/route";
import { jsonTextOf } from "@/lib/http";

/**
 * The hot JSON routes a class calls on every page, answered by their own route handlers without
 * Next's request pipeline (routing, request metadata, its Web adapters: about 8 times a bare
 * node:http server's cost per request; ADR-0042). Everything else, pages included, goes to Next.
 *
 * The handlers are the very exports Next serves (apiRoute: request id, error envelope, CORS,
 * security headers, rate limits, access log), but this copy of them is the custom server's, not
 * the one Next bundles: whatever they share lives on globalThis (lib/singleton). Only exact paths
 * and the methods a route exports come here; a HEAD, a trailing slash or an escaped path is Next's.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type HotRoute = { handlers: Partial<Record<string, Handler>>; params: Record<string, string[]> };

export const hotRoutes: Record<string, HotRoute> = {
  "/api/health": { handlers: { GET: healthRoute.GET, OPTIONS: healthRoute.OPTIONS }, params: {} },
  // The catch-all's one hot endpoint: Better Auth's other endpoints stay Next's.
  "/api/auth/get-session": { handlers: { GET: sessionRoute.GET, OPTIONS: sessionRoute.OPTIONS }, params: { all: ["get-session"] } },
  "/api/v1/personalize": { handlers: { GET: personalizeRoute.GET, OPTIONS: personalizeRoute.OPTIONS }, params: {} },
  "/api/v1/auth/profile": { handlers: { GET: profileRoute.GET, PUT: profileRoute.PUT, OPTIONS: profileRoute.OPTIONS }, params: {} },
  "/api/v1/progress": { handlers: { GET: progressRoute.GET, PUT: progressRoute.PUT, OPTIONS: progressRoute.OPTIONS }, params: {} },
};

export type DispatchOptions = { port: number; hostname?: string };

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
// Next's CommonJS internals, required as Next requires them (an ES import would need their file extensions).
const requireFromNext = createRequire(import.meta.url);
/** Next's own compression middleware, as its router server applies it to every answer (gzip past 1 KiB, `Vary: Accept-Encoding`). */
const compress = (requireFromNext("next/dist/compiled/compression") as () => Middleware)();
const { releaseCompressionStream } = requireFromNext("next/dist/server/lib/release-compression-stream") as {
  releaseCompressionStream: (response: ServerResponse) => void;
};

/** The handler for this request, or undefined when Next answers it. */
function handlerFor(request: IncomingMessage): { handler: Handler; params: Record<string, string[]> } | undefined {
  const target = request.url ?? "";
  const query = target.indexOf("?");
  const route = hotRoutes[query === -1 ? target : target.slice(0, query)];
  const handler = route?.handlers[request.method ?? ""];
  return handler && { handler, params: route!.params };
}

/**
 * The Web Request Next would build: its URL from the server's own host and port (Next's
 * `initURL`), the headers as sent plus the x-forwarded-* defaults Next adds, the body streamed.
 */
function webRequest(request: IncomingMessage, options: DispatchOptions): { web: Request; discardBody: () => void } {
  const headers = request.headers;
  const https = String(headers["x-forwarded-proto"] ?? "").includes("https");
  headers["x-forwarded-host"] ??= headers.host ?? options.hostname ?? "localhost";
  headers["x-forwarded-port"] ??= String(options.port);
  headers["x-forwarded-proto"] ??= https ? "https" : "http";
  headers["x-forwarded-for"] ??= request.socket.remoteAddress;
  const host = options.hostname?.includes(":") ? `[${options.hostname}]` : (options.hostname ?? "localhost");
  const webHeaders = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const each of value) webHeaders.append(name, each);
    else webHeaders.append(name, value);
  }
  const method = request.method ?? "GET";
  const body = method === "GET" || method === "HEAD" || method === "OPTIONS" ? null : bodyOf(request);
  const web = new Request(`${https ? "https" : "http"}://${host}:${options.port}${request.url}`, {
    method,
    headers: webHeaders,
    body: body?.stream ?? null,
    duplex: "half",
  } as RequestInit);
  return { web, discardBody: body?.discard ?? (() => request.resume()) };
}

/** A refused body is read and dropped up to this much (as scripts/edge-guard does), so the client sees the answer, not a reset. */
const discardedBodyBytes = 8 * 1024 * 1024;

/**
 * The request's body as a Web stream, and a way to drop what the handler left unread once it has
 * answered. Not `Readable.toWeb`: cancelling that destroys the request, and with it the socket, so
 * a client still sending a body the handler refused (413) would see a reset; and a body left
 * unread and paused would hold the kept-alive connection (its next request never parsed).
 */
function bodyOf(request: IncomingMessage): { stream: ReadableStream<Uint8Array>; discard: () => void } {
  let discarding = false;
  let dropped = 0;
  const discard = () => {
    discarding = true;
    request.resume();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      request.on("data", (chunk: Buffer) => {
        if (discarding) {
          dropped += chunk.length;
          if (dropped > discardedBodyBytes) request.destroy();
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      });
      request.once("end", () => discarding || controller.close());
      request.once("error", (error) => discarding || controller.error(error));
    },
    pull() {
      request.resume();
    },
    cancel: discard,
  });
  return { stream, discard };
}

/** What Next puts first in every app route's `Vary` (base-server's setVaryHeader): its client router's headers. */
const nextVary = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";
/** Headers of a route's Response that Next's sendResponse drops: the server frames (and compresses) the body itself. */
const framingHeaders = new Set(["content-length", "content-encoding", "transfer-encoding"]);

/** The compression middleware's own threshold: a smaller answer gains nothing from gzip. */
const compressionThreshold = 1024;

/**
 * Next's compression middleware on the answer, as Next applies it; but a JSON answer under its
 * threshold is written as it is, with the `Vary: Accept-Encoding` the middleware would add: the
 * middleware cost 13 % of a health check's CPU, and, as it decides before the body's length is
 * known, gzipped a browser's 30-byte answers.
 */
function compressUnlessSmallJson(request: IncomingMessage, response: ServerResponse, headers: Record<string, string | string[]>, size: number): void {
  const smallJson = /^application\/json\b/i.test(String(headers["content-type"] ?? "")) && size < compressionThreshold;
  if (!smallJson) {
    compress(request, response, () => {});
    // As Next does: a client gone mid-answer must not leave the zlib stream behind.
    response.once("close", () => {
      if (!response.writableFinished) releaseCompressionStream(response);
    });
  } else if (!/\bno-transform\b/i.test(String(headers["cache-control"] ?? ""))) {
    headers.vary = `${String(headers.vary)}, Accept-Encoding`;
  }
}

async function writeResponse(answer: Response, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = { vary: nextVary };
  answer.headers.forEach((value, name) => {
    if (name === "vary") headers.vary = `${nextVary}, ${value}`;
    else if (name !== "set-cookie" && !framingHeaders.has(name)) headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const text = jsonTextOf(answer);
  const body = text !== undefined ? Buffer.from(text) : answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined;
  compressUnlessSmallJson(request, response, headers, body?.length ?? 0);
  response.writeHead(answer.status, headers);
  response.end(body);
}

/** Answers a hot route's request and resolves true; false (nothing read or written) to hand it to Next. */
export async function dispatchedDirectly(request: IncomingMessage, response: ServerResponse, options: DispatchOptions): Promise<boolean> {
  const found = handlerFor(request);
  if (!found) return false;
  const { web, discardBody } = webRequest(request, options);
  const answer = await found.handler(web, { params: Promise.resolve(found.params) });
  await writeResponse(answer, request, response);
  // A body the handler refused unread (401, 413 on its declared length): dropped, so the connection serves the next request.
  if (!request.readableEnded) discardBody();
  return true;
}
