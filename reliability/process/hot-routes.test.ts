import { randomUUID } from "node:crypto";
import { cpSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hotRoutes } from "@/scripts/hot-route-dispatch";
import { background, bookOrigin, scratch, startLectern, type Lectern } from "./harness";

/**
 * The hot routes answered directly by the custom server (HOT_ROUTES=direct, ADR-0042) and by
 * Next's router (HOT_ROUTES=next) must be the same answers: one data directory, copied once the
 * reader has signed up, served by Next and its copy directly (each replay starts from the same
 * rows), the same requests replayed with the same request ids; status, headers and
 * body must match (bar the date and the process's uptime), errors and refusals included, and
 * every answer leaves the same access log line.
 */
const port = 4706;
const dataDir = `${scratch}/hot-routes-${randomUUID().slice(0, 8)}`;
const directDataDir = `${dataDir}-direct`;
const address = "10.77.0.1";

type Sent = { path: string; method?: string; headers?: Record<string, string>; body?: string };
type Answered = { status: number; headers: Record<string, string>; body: string; logged: unknown };

/**
 * Transport headers Node writes as it sends (and the date), not the route's answer; and the body's encoding on the wire: Next
 * gzips every answer a client accepts gzip for, the direct path only those past 1 KiB (the bodies compared here are decoded).
 */
const transport = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

let reader: { token: string; cookie: string };
let viaNext: Answered[];
let direct: Answered[];

function requests(): Sent[] {
  const bearer = { authorization: `Bearer ${reader.token}` };
  const json = { "content-type": "application/json" };
  const mark = JSON.stringify({ sections: [{ url: "/docs/sensing/sensors-and-motors-basics", state: "read", at: "2026-01-02T03:04:05.000Z" }] });
  const preflight = (origin: string) => ({ origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" });
  return [
    { path: "/api/health" },
    { path: "/api/health", method: "OPTIONS", headers: preflight(bookOrigin) },
    { path: "/api/auth/get-session" },
    { path: "/api/auth/get-session", headers: bearer },
    { path: "/api/auth/get-session", headers: { ...bearer, origin: bookOrigin } },
    { path: "/api/auth/get-session", headers: { ...bearer, origin: "https://evil.example" } },
    { path: "/api/auth/get-session", headers: { cookie: reader.cookie } },
    { path: "/api/auth/get-session", headers: { authorization: "Bearer notavalidtokenatall0123456789" } },
    { path: "/api/auth/get-session", method: "OPTIONS", headers: preflight(bookOrigin) },
    { path: "/api/auth/get-session", method: "OPTIONS", headers: preflight("https://evil.example") },
    { path: "/api/v1/personalize?q=motor%20control&limit=5" },
    { path: "/api/v1/personalize?q=motor%20control&limit=5", headers: { ...bearer, origin: bookOrigin } },
    { path: "/api/v1/personalize?limit=5", headers: { cookie: reader.cookie } },
    { path: "/api/v1/personalize?limit=0", headers: bearer },
    { path: "/api/v1/personalize?limit=5&limit=6", headers: bearer },
    { path: "/api/v1/personalize?q=a%00b", headers: bearer },
    { path: "/api/v1/personalize?limit=5", headers: { authorization: "Bearer notavalidtokenatall0123456789" } },
    { path: "/api/v1/personalize", method: "OPTIONS", headers: preflight(bookOrigin) },
    { path: "/api/v1/auth/profile", headers: bearer },
    { path: "/api/v1/auth/profile" },
    { path: "/api/v1/auth/profile", method: "PUT", headers: { ...bearer, ...json }, body: JSON.stringify({ background: { hardware_knowledge: "basic" } }) },
    { path: "/api/v1/auth/profile", method: "PUT", headers: { ...bearer, ...json }, body: JSON.stringify({ background: { hardware_knowledge: "wizard" } }) },
    { path: "/api/v1/auth/profile", method: "PUT", headers: { cookie: reader.cookie, origin: "https://evil.example", ...json }, body: "{}" },
    { path: "/api/v1/auth/profile", headers: { cookie: reader.cookie } },
    { path: "/api/v1/progress" },
    { path: "/api/v1/progress", method: "PUT", headers: { ...bearer, ...json }, body: mark },
    { path: "/api/v1/progress", headers: bearer },
    { path: "/api/v1/progress", method: "PUT", headers: { ...bearer, ...json }, body: "{not json" },
    { path: "/api/v1/progress", method: "PUT", headers: { ...bearer, "content-type": "text/plain" }, body: mark },
    { path: "/api/v1/progress", method: "PUT", headers: { ...bearer, ...json }, body: JSON.stringify({ sections: "all" }) },
    { path: "/api/v1/progress", method: "PUT", headers: { ...bearer, ...json }, body: JSON.stringify({ sections: [], pad: "x".repeat(300_000) }) },
    // A cookie write from a site that is not the book's: refused (lib/http csrf).
    { path: "/api/v1/progress", method: "PUT", headers: { cookie: reader.cookie, origin: "https://evil.example", ...json }, body: mark },
    { path: "/api/v1/progress", method: "OPTIONS", headers: { ...preflight(bookOrigin), "access-control-request-method": "PUT" } },
  ];
}

/**
 * The cookies an answer sets with a value, without those it only clears. Clearing differs between the paths and changes nothing
 * for these clients: Next's cookies() (Better Auth's nextCookies plugin) writes a cleared cookie empty with no Max-Age, and also
 * clears `dont_remember` on an answer to an invalid bearer, which has no cookies to clear; the direct answer keeps Better Auth's
 * own `Max-Age=0` and adds none. Every cookie that is set (a value) must be the same.
 */
function setWithValue(setCookie: string): string {
  return setCookie
    .split(/,\s*(?=[^;=\s]+=)/)
    .filter((cookie) => !/^[^=]+=;/.test(cookie))
    .join(", ");
}

async function ask(lectern: Lectern, sent: Sent, index: number, run: string): Promise<Answered> {
  const requestId = `hot-route-${run}-${index}`;
  const response = await fetch(`${lectern.url}${sent.path}`, {
    method: sent.method ?? "GET",
    headers: { "x-forwarded-for": address, "x-request-id": requestId, ...sent.headers },
    body: sent.body,
    redirect: "manual",
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!transport.has(name) && !(name === "set-cookie" && !setWithValue(value)))
      headers[name] = name === "x-request-id" ? value.replace(`-${run}-`, "-run-") : name === "set-cookie" ? setWithValue(value) : value;
  });
  // The process's uptime, and when a profile was last written (each run writes it again), differ by nature.
  const body = (await response.text()).replace(/"uptime_s":\d+/, '"uptime_s":0').replace(/"updated_at":"[^"]+"/g, '"updated_at":"…"');
  // The access line apiRoute writes (a preflight writes none, on either path); the log's pipe may lag the answer a little.
  const accessLine = () => lectern.lines.find((each) => each.includes(`"requestId":"${requestId}"`) && each.includes('"msg":"request"'));
  for (let waited = 0; !accessLine() && sent.method !== "OPTIONS" && waited < 40; waited += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  const line = accessLine();
  const logged = line && (({ method, path, status }: Record<string, unknown>) => ({ method, path, status }))(JSON.parse(line));
  return { status: response.status, headers, body, logged: logged ?? null };
}

/** Guest session reads from one address until refused: how many pass, and the refusal itself. */
async function untilRefused(lectern: Lectern, from: string): Promise<{ allowed: number; refusal: Answered }> {
  for (let allowed = 0; allowed < 1000; allowed += 1) {
    const response = await fetch(`${lectern.url}/api/auth/get-session`, { headers: { "x-forwarded-for": from, "x-request-id": "hot-route-refused" } });
    if (response.status === 429) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!transport.has(name) && !(name === "set-cookie" && !setWithValue(value))) headers[name] = name === "retry-after" ? "n" : value;
      });
      // The seconds left in the window depend on how long the run took to get there.
      const body = (await response.text()).replace(/in \d+ seconds/, "in n seconds");
      return { allowed, refusal: { status: 429, headers, body, logged: null } };
    }
    await response.arrayBuffer();
  }
  throw new Error("never refused");
}

async function serve(hotRoutesMode: "next" | "direct") {
  return startLectern(port, { DATA_DIR: hotRoutesMode === "next" ? dataDir : directDataDir, HOT_ROUTES: hotRoutesMode });
}

let refusedViaNext: Awaited<ReturnType<typeof untilRefused>>;
let refusedDirect: Awaited<ReturnType<typeof untilRefused>>;

beforeAll(async () => {
  const signingUp = await serve("next");
  try {
    const signedUp = await fetch(`${signingUp.url}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ email: `hot-${randomUUID().slice(0, 8)}@example.org`, password: "a hot routes password", background }),
    });
    const body = (await signedUp.json()) as { session_token: string };
    const cookie = signedUp.headers
      .getSetCookie()
      .map((each) => each.split(";")[0]!)
      .find((each) => each.includes("session_token"))!;
    reader = { token: body.session_token, cookie };
  } finally {
    await signingUp.stop();
  }
  // The replay writes (a profile, a read section): each path starts from the rows as they were here.
  cpSync(dataDir, directDataDir, { recursive: true });
  const next = await serve("next");
  try {
    viaNext = [];
    for (const [index, sent] of requests().entries()) viaNext.push(await ask(next, sent, index, "next"));
    refusedViaNext = await untilRefused(next, "10.77.1.1");
  } finally {
    await next.stop();
  }
  const served = await serve("direct");
  try {
    direct = [];
    for (const [index, sent] of requests().entries()) direct.push(await ask(served, sent, index, "direct"));
    refusedDirect = await untilRefused(served, "10.77.1.1");
  } finally {
    await served.stop();
  }
}, 240_000);
afterAll(() => {
  for (const dir of [dataDir, directDataDir]) rmSync(dir, { recursive: true, force: true });
});

describe("hot routes: answered directly or by Next, the same answers", () => {
  it("every request gets the same status, headers, body and access log line", () => {
    expect(direct.length).toBe(viaNext.length);
    for (const [index, sent] of requests().entries()) {
      expect(direct[index], `${sent.method ?? "GET"} ${sent.path} ${JSON.stringify(sent.headers ?? {})}`).toEqual(viaNext[index]);
    }
  });

  it("the replay covered success, the contract's errors and CORS on every hot route", () => {
    const statuses = new Set(viaNext.map((answer) => answer.status));
    for (const status of [200, 204, 400, 401, 403, 413]) expect(statuses).toContain(status);
    const paths = new Set(requests().map((sent) => sent.path.split("?")[0]));
    expect([...paths].sort()).toEqual(Object.keys(hotRoutes).sort());
    expect(viaNext.filter((answer) => answer.headers["access-control-allow-origin"] === bookOrigin).length).toBeGreaterThan(3);
    expect(viaNext.filter((answer) => answer.status >= 400).every((answer) => JSON.parse(answer.body).error.code)).toBe(true);
  });

  it("a rate limit refuses at the same count, with the same 429", () => {
    expect(refusedDirect).toEqual(refusedViaNext);
    expect(refusedViaNext.allowed).toBeGreaterThan(100);
  });
});
