import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { processSingleton } from "@/lib/singleton";

type Metrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  // What the alerts in ops/prometheus/alerts.yml watch besides HTTP (docs/operations.md).
  signInFailures: Counter<"reason">;
  mailDeliveries: Counter<"outcome">;
  dependencyReady: Gauge<"dependency">;
};

/** One registry per process (shared by the custom server and Next's bundles). */
export function metrics(): Metrics {
  return processSingleton("metrics", createMetrics);
}

function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "lectern" });
  collectDefaultMetrics({ register: registry });
  const created: Metrics = {
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
    signInFailures: new Counter({
      name: "lectern_sign_in_failures_total",
      help: "Failed sign-ins on every path (page, contract, Better Auth), by Better Auth's error code",
      labelNames: ["reason"],
      registers: [registry],
    }),
    mailDeliveries: new Counter({
      name: "lectern_mail_deliveries_total",
      help: "Outgoing mails by outcome: sent (SMTP accepted), failed (SMTP refused or unreachable), outbox (no SMTP_URL)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    dependencyReady: new Gauge({
      name: "lectern_dependency_ready",
      help: "1 when the dependency passed this instance's latest readiness check (/api/ready), else 0",
      labelNames: ["dependency"],
      registers: [registry],
    }),
  };
  // Series that exist from the start, so rate() sees the first failure after a restart too.
  for (const outcome of ["sent", "failed", "outbox"]) created.mailDeliveries.inc({ outcome }, 0);
  created.signInFailures.inc({ reason: "INVALID_EMAIL_OR_PASSWORD" }, 0);
  return created;
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

/** One failed sign-in; `reason` is Better Auth's error code (a small fixed set) or the status. */
export function countSignInFailure(reason: string): void {
  metrics().signInFailures.inc({ reason: reason.slice(0, 64) });
}

export function countMailDelivery(outcome: "sent" | "failed" | "outbox"): void {
  metrics().mailDeliveries.inc({ outcome });
}

/** The result of one readiness check, kept for scrapes between probes. */
export function recordDependencyReady(dependency: string, ready: boolean): void {
  metrics().dependencyReady.set({ dependency }, ready ? 1 : 0);
}
