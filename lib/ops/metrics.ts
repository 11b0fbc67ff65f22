import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
};

const metricsKey = Symbol.for("lectern.metrics");
type WithMetrics = typeof globalThis & { [metricsKey]?: Metrics };

/** One registry per process (shared by the custom server and Next's bundles). */
export function metrics(): Metrics {
  const holder = globalThis as WithMetrics;
  if (holder[metricsKey]) return holder[metricsKey];
  const registry = new Registry();
  registry.setDefaultLabels({ service: "lectern" });
  collectDefaultMetrics({ register: registry });
  holder[metricsKey] = {
    registry,
    httpRequests: new Counter({
      name: "lectern_http_requests_total",
      help: "API requests by method, route and status",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "lectern_http_request_duration_seconds",
      help: "API request latency",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
  return holder[metricsKey];
}

/**
 * Route label for a path already stripped of tokens (`loggablePath` in lib/http): 404s collapse
 * to one label so that probing random URLs cannot create unbounded series.
 */
export function routeLabel(pathname: string, status: number): string {
  return status === 404 ? "unmatched" : pathname;
}

/** Counts one API request; `pathname` must be the loggable path (no tokens in it). */
export function observeRequest(method: string, pathname: string, status: number, seconds: number): void {
  const { httpRequests, httpDuration } = metrics();
  const route = routeLabel(pathname, status);
  httpRequests.inc({ method, route, status: String(status) });
  httpDuration.observe({ method, route }, seconds);
}
