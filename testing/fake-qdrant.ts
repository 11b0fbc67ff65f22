import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Qdrant, which cannot run on these machines: a real HTTP server on 127.0.0.1
 * that records every request the real @qdrant/js-client-rest sends and answers in the shapes
 * of Qdrant's API (checked against its OpenAPI schema by the tests). It stores points and
 * applies simple payload filters so indexing round-trips. It does not rank text (text prefetches
 * come back in id order, which only the live suite can check) but it behaves like Qdrant where
 * that is knowable from its source: a prefetch with a filter and no query returns the lowest ids,
 * a `formula` is evaluated over the prefetched points, creating an existing collection is a 409,
 * querying a missing one a 404, and `GET /` reports `version`.
 * It also serves an OpenAI-style `/v1/embeddings` for the dense-vector path.
 */
export type RecordedRequest = { method: string; path: string; query: Record<string, string>; body: unknown; response: unknown };
type Point = { id: string | number; vector: unknown; payload: Record<string, unknown> };
type FieldCondition = { key: string; match?: { value?: unknown; any?: unknown[] } };
type Filter = { must?: (FieldCondition | Filter)[]; must_not?: (FieldCondition | Filter)[]; should?: (FieldCondition | Filter)[] };
type QueryStage = {
  prefetch?: QueryStage[];
  query?: { formula?: unknown; defaults?: Record<string, number>; order_by?: { key: string; direction?: "asc" | "desc" } } | unknown;
  filter?: Filter;
  limit?: number;
  score_threshold?: number;
};
/** The parts of request bodies the fake looks at. */
type RequestBody = QueryStage & {
  input?: unknown;
  points?: Point[];
  ids?: (string | number)[];
  vectors?: unknown;
  sparse_vectors?: unknown;
  offset?: string | number;
  with_payload?: unknown;
  /** Set payload: the keys to set on every point the filter selects. */
  payload?: Record<string, unknown>;
  /** Batch update: only `set_payload` by point ids is served. */
  operations?: { set_payload?: { payload: Record<string, unknown>; points?: (string | number)[] } }[];
};

export type FakeQdrant = {
  url: string;
  requests: RecordedRequest[];
  points(collection: string): Point[];
  /** The next `times` Qdrant requests answer with this status (and headers, e.g. Retry-After). */
  failNext(status: number, times: number, headers?: Record<string, string>): void;
  /** While true, Qdrant requests get no answer at all (a black hole). */
  hang: boolean;
  /** Every answer (embeddings too) is sent this many ms late: a slow or overloaded server. */
  delayMs: number;
  /** What `GET /` reports as the server's version. */
  version: string;
  /** When set (e.g. "/qdrant"), the fake answers only under this path, as Qdrant behind a proxy. */
  prefix: string;
  embeddingSize: number;
  close(): Promise<void>;
};

const ok = (result: unknown) => ({ result, status: "ok", time: 0.001 });
const updated = ok({ operation_id: 1, status: "completed" });

function matches(payload: Record<string, unknown>, condition: FieldCondition | Filter): boolean {
  if (!("key" in condition)) return passes(payload, condition);
  const value = payload[condition.key];
  const values = Array.isArray(value) ? value : [value];
  if (condition.match?.value !== undefined) return values.includes(condition.match.value);
  if (condition.match?.any) return values.some((item) => condition.match!.any!.includes(item));
  return false;
}

/** A Qdrant formula for one point, as Qdrant defines it: a condition counts 1 when it holds, else 0. */
export function evaluateFormula(expression: unknown, payload: Record<string, unknown>, defaults: Record<string, number>, score: number): number {
  if (typeof expression === "number") return expression;
  if (typeof expression === "string") return expression === "$score" ? score : Number(payload[expression] ?? defaults[expression] ?? 0);
  const node = expression as { sum?: unknown[]; mult?: unknown[] } & (FieldCondition | Filter);
  if (node.sum) return node.sum.reduce<number>((total, item) => total + evaluateFormula(item, payload, defaults, score), 0);
  if (node.mult) return node.mult.reduce<number>((total, item) => total * evaluateFormula(item, payload, defaults, score), 1);
  return matches(payload, node) ? 1 : 0;
}

function passes(payload: Record<string, unknown>, filter: Filter | undefined | null): boolean {
  if (!filter) return true;
  if (filter.must && !filter.must.every((condition) => matches(payload, condition))) return false;
  if (filter.must_not && filter.must_not.some((condition) => matches(payload, condition))) return false;
  if (filter.should?.length && !filter.should.some((condition) => matches(payload, condition))) return false;
  return true;
}

function project(payload: Record<string, unknown>, withPayload: unknown) {
  if (withPayload === true) return payload;
  if (Array.isArray(withPayload)) return Object.fromEntries(withPayload.filter((key) => key in payload).map((key) => [key, payload[key]]));
  return null;
}

export async function startFakeQdrant(): Promise<FakeQdrant> {
  const collections = new Map<string, Map<string, Point>>();
  /** Each collection's create body, answered back as its config. */
  const configs = new Map<string, { vectors?: unknown; sparse_vectors?: unknown }>();
  const requests: RecordedRequest[] = [];
  let failures: { status: number; times: number; headers: Record<string, string> } = { status: 0, times: 0, headers: {} };

  /**
   * One stage of a query: its prefetches' points (or the collection's, in id order, when it has
   * none), filtered, then scored by its formula (others keep the order: text is not ranked here),
   * kept at or above its score threshold, or ordered by a payload key (`order_by`: its value is
   * the score; points without the key are left out, as Qdrant does), and cut to its limit. Ties
   * keep id order, which is not the book's: as arbitrary, for Lectern, as Qdrant's.
   */
  function runStage(sorted: Point[], stage: QueryStage): { point: Point; score: number }[] {
    let scored: { point: Point; score: number }[] = stage.prefetch
      ? [...new Map(stage.prefetch.flatMap((inner) => runStage(sorted, inner)).map((item) => [String(item.point.id), item])).values()]
      : sorted.map((point, index) => ({ point, score: 1 - index / 10_000 }));
    scored = scored.filter(({ point }) => passes(point.payload, stage.filter));
    const query = stage.query as { formula?: unknown; defaults?: Record<string, number>; order_by?: { key: string; direction?: string } } | undefined;
    if (query?.formula !== undefined) {
      scored = scored
        .map(({ point, score }) => ({ point, score: evaluateFormula(query.formula, point.payload, query.defaults ?? {}, score) }))
        .sort((a, b) => b.score - a.score || String(a.point.id).localeCompare(String(b.point.id)));
    }
    if (query?.order_by) {
      const { key, direction } = query.order_by;
      scored = scored
        .filter(({ point }) => typeof point.payload[key] === "number")
        .map(({ point }) => ({ point, score: point.payload[key] as number }))
        .sort((a, b) => (direction === "desc" ? b.score - a.score : a.score - b.score));
    }
    // Qdrant ignores a threshold on an order_by stage (every point scores its value).
    if (stage.score_threshold !== undefined && !query?.order_by) scored = scored.filter(({ score }) => score >= stage.score_threshold!);
    return scored.slice(0, stage.limit ?? 10);
  }

  function answer(method: string, path: string, body: RequestBody): { status: number; body: unknown } {
    if (method === "GET" && path === "/") return { status: 200, body: { title: "qdrant - vector search engine", version: fake.version, commit: "fake" } };
    if (method === "POST" && path.endsWith("/embeddings")) {
      const inputs = (Array.isArray(body.input) ? body.input : [body.input]).map(String);
      return {
        status: 200,
        body: { data: inputs.map((text, index) => ({ index, embedding: Array.from({ length: fake.embeddingSize }, (_, i) => ((text.length + i) % 7) / 7) })) },
      };
    }
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return { status: 404, body: { status: { error: "not found" } } };
    const name = decodeURIComponent(match[1]!);
    const rest = match[2] ?? "";
    const points = collections.get(name);
    const missing = { status: 404, body: { status: { error: `Collection \`${name}\` doesn't exist!` }, time: 0 } };
    if (method === "GET" && rest === "/exists") return { status: 200, body: ok({ exists: collections.has(name) }) };
    if (method === "PUT" && rest === "") {
      if (collections.has(name)) return { status: 409, body: { status: { error: `Wrong input: Collection \`${name}\` already exists!` }, time: 0 } };
      collections.set(name, new Map());
      configs.set(name, { vectors: body.vectors, sparse_vectors: body.sparse_vectors });
      return { status: 200, body: ok(true) };
    }
    if (method === "DELETE" && rest === "") {
      collections.delete(name);
      return { status: 200, body: ok(true) };
    }
    if (!points) return missing;
    if (method === "GET" && rest === "") {
      const { vectors, sparse_vectors } = configs.get(name) ?? {};
      const params = { ...(vectors ? { vectors } : {}), ...(sparse_vectors ? { sparse_vectors } : {}) };
      return {
        status: 200,
        body: ok({
          status: "green",
          optimizer_status: "ok",
          segments_count: 1,
          points_count: points.size,
          payload_schema: {},
          config: {
            params,
            hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000 },
            optimizer_config: { default_segment_number: 0, flush_interval_sec: 5 },
          },
        }),
      };
    }
    if (method === "PUT" && rest === "/index") return { status: 200, body: updated };
    if (method === "PUT" && rest === "/points") {
      for (const point of body.points ?? []) points.set(String(point.id), point);
      return { status: 200, body: updated };
    }
    if (method === "POST" && rest === "/points/delete") {
      for (const [id, point] of points) if (passes(point.payload, body.filter)) points.delete(id);
      return { status: 200, body: updated };
    }
    if (method === "POST" && rest === "/points/payload") {
      for (const point of points.values()) if (passes(point.payload, body.filter)) Object.assign(point.payload, body.payload);
      return { status: 200, body: updated };
    }
    if (method === "POST" && rest === "/points/batch") {
      for (const operation of body.operations ?? []) {
        const update = operation.set_payload;
        if (!update) return { status: 400, body: { status: { error: "fake Qdrant serves only set_payload in a batch" } } };
        for (const id of update.points ?? []) {
          const point = points.get(String(id));
          if (point) Object.assign(point.payload, update.payload);
        }
      }
      return { status: 200, body: ok((body.operations ?? []).map((_, index) => ({ operation_id: index + 1, status: "completed" }))) };
    }
    const sorted = [...points.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    if (method === "POST" && rest === "/points/count") return { status: 200, body: ok({ count: points.size }) };
    if (method === "POST" && rest === "/points/scroll") {
      const start = body.offset ? sorted.findIndex((point) => String(point.id) >= String(body.offset)) : 0;
      const page = sorted.slice(start, start + (body.limit ?? 10));
      const next = sorted[start + page.length];
      return {
        status: 200,
        body: ok({
          points: page.map((point) => ({ id: point.id, payload: project(point.payload, body.with_payload) })),
          next_page_offset: next ? next.id : null,
        }),
      };
    }
    if (method === "POST" && rest === "/points/query") {
      const chosen = runStage(sorted, body);
      return {
        status: 200,
        body: ok({ points: chosen.map(({ point, score }) => ({ id: point.id, version: 1, score, payload: project(point.payload, body.with_payload) })) }),
      };
    }
    if (method === "POST" && rest === "/points") {
      const wanted = new Set((body.ids ?? []).map(String));
      return {
        status: 200,
        body: ok(sorted.filter((point) => wanted.has(String(point.id))).map((point) => ({ id: point.id, payload: project(point.payload, body.with_payload) }))),
      };
    }
    return { status: 404, body: { status: { error: `fake Qdrant does not implement ${method} ${rest}` } } };
  }

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const body: unknown = text ? JSON.parse(text) : undefined;
      // Behind a proxy at `prefix`, only paths under it reach Qdrant.
      const underPrefix = !fake.prefix || url.pathname.startsWith(`${fake.prefix}/`) || url.pathname === fake.prefix;
      const pathname = underPrefix ? url.pathname.slice(fake.prefix.length) || "/" : `(outside ${fake.prefix}) ${url.pathname}`;
      const record: RecordedRequest = {
        method: incoming.method ?? "GET",
        path: pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        response: undefined,
      };
      requests.push(record);
      const isQdrant = pathname.startsWith("/collections") || pathname === "/";
      if (isQdrant && fake.hang) return; // never answer
      let reply: { status: number; body: unknown; headers?: Record<string, string> };
      if (isQdrant && failures.times > 0) {
        failures.times -= 1;
        reply = { status: failures.status, body: { status: { error: "injected failure" }, time: 0 }, headers: failures.headers };
      } else {
        reply = answer(record.method, record.path, (body ?? {}) as RequestBody);
      }
      record.response = reply.body;
      const send = () => {
        if (outgoing.destroyed) return; // closed while the answer was held back
        outgoing.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(JSON.stringify(reply.body));
      };
      if (fake.delayMs > 0) setTimeout(send, fake.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const fake: FakeQdrant = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    points: (collection) => [...(collections.get(collection)?.values() ?? [])],
    failNext(status, times, headers = {}) {
      failures = { status, times, headers };
    },
    hang: false,
    delayMs: 0,
    version: "1.18.3",
    prefix: "",
    embeddingSize: 8,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
