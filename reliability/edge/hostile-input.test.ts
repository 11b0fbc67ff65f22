import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Logger } from "pino";
import { createLogger } from "@/lib/http";
import { processSlot } from "@/lib/singleton";
import { callJson, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { queryRows } from "@/testing/query-rows";

/**
 * Property-based fuzzing of every JSON route and Better Auth endpoint over real HTTP: random
 * types, huge and deeply nested bodies, unicode and control characters, prototype keys, SQL
 * and HTML fragments. For every request: never a 5xx, an error is JSON without a stack or
 * SQL, a refused request stores nothing, and no log line carries what the request wrote.
 * Runs are bounded (`runs` per endpoint) and fast-check prints the seed of any failure.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 25);
// Counting rows needs a database no other file writes to (its own on a shared server).
isolateBookDatabase();

let server: TestServer;
const logLines: string[] = [];
const printed: string[] = [];
let token = "";
/** The process logger's slot (lib/singleton): the routes log through whatever it holds. */
const loggerSlot = processSlot<Logger>("logger");

beforeAll(async () => {
  // Capture the process logger (the routes log through it) at info, as production runs.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  loggerSlot.set(createLogger("info", sink));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
  server = await startTestServer({ trustedProxyHops: 1 });
  const up = await callJson(server.url, "/api/v1/auth/signup", {
    body: { email: uniqueEmail("fuzz"), password: "a fuzzing password", background: sampleBackground },
  });
  token = up.body.session_token;
});
afterAll(async () => {
  loggerSlot.clear();
  await server?.close();
});

const hostileFragments = [
  "' OR '1'='1",
  '\'; drop table "user"; --',
  '") or 1=1 --',
  "$1",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "{{7*7}}",
  "${process.exit(1)}",
  "../../etc/passwd",
  "\u0000",
  "\u001b[2J",
  '\r\n{"level":50,"msg":"forged"}',
  "\ud800",
  "𝕷𝖊𝖈𝖙𝖊𝖗𝖓",
  "\u202eevil",
  "a".repeat(5000),
];
const fieldNames = [
  "email",
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "name",
  "background",
  "software_experience",
  "programming_background",
  "hardware_knowledge",
  "callbackURL",
  "redirectTo",
  "emailVerified",
  "id",
  "userId",
  "sections",
  "url",
  "state",
  "at",
  "helpful",
  "reason",
  "comment",
  "revokeOtherSessions",
  "__proto__",
  "constructor",
  "prototype",
];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileFragments),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.constantFrom(...hostileFragments), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
);
const hostileValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...fieldNames), tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** A plausible value with something hostile inside: long enough to pass length checks. */
const laced = fc
  .tuple(fc.string({ minLength: 8, maxLength: 12 }), fc.constantFrom(...hostileFragments), fc.string({ maxLength: 4 }))
  .map(([before, fragment, after]) => before + fragment + after);
const valid = {
  email: fc.emailAddress(),
  password: fc.constant("not the fuzzing password"),
  text: fc.string({ minLength: 8, maxLength: 20 }),
  background: fc.constant(sampleBackground as Record<string, string>),
};
/** Each field: mostly well-formed, often laced, sometimes any hostile value. */
const field = (wellFormed: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 2, arbitrary: wellFormed }, { weight: 3, arbitrary: laced }, { weight: 1, arbitrary: hostileValue });

/** Bodies shaped like what each endpoint expects, so hostile values get past its own schema to the database. */
const shapes: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  "/api/v1/auth/signup": { email: valid.email, password: valid.text, background: valid.background },
  "/api/v1/auth/signin": { email: valid.email, password: valid.password },
  "/api/v1/auth/profile": { background: fc.record({ hardware_knowledge: field(fc.constantFrom("none", "basic")) }) },
  "/api/v1/progress": {
    sections: fc.array(
      fc.record({ url: field(fc.constant("/docs/intro")), state: field(fc.constant("read")), at: field(fc.date().map((d) => d.toISOString())) }),
      { maxLength: 3 },
    ),
  },
  "/api/v1/feedback": { url: valid.text, helpful: fc.boolean(), reason: fc.constant("unclear"), comment: valid.text },
  "/api/auth/sign-in/email": { email: valid.email, password: valid.password },
  "/api/auth/sign-up/email": { email: valid.email, password: valid.text, name: valid.text },
  "/api/auth/request-password-reset": { email: valid.email },
  "/api/auth/reset-password": { token: valid.text, newPassword: valid.text },
  "/api/auth/send-verification-email": { email: valid.email },
  "/api/auth/update-user": { name: valid.text },
  "/api/auth/change-password": { currentPassword: valid.password, newPassword: valid.text },
  "/api/auth/verify-password": { password: valid.password },
  "/api/auth/delete-user": { password: valid.password },
  "/api/auth/revoke-session": { token: valid.text },
  "/api/auth/change-email": { newEmail: valid.email },
};

function shapedBody(path: string): fc.Arbitrary<string> {
  const shape = shapes[path] ?? {};
  const fields = Object.fromEntries(Object.entries(shape).map(([name, wellFormed]) => [name, field(wellFormed)]));
  return fc.record(fields).map((body) => JSON.stringify(body));
}

/** Raw request bodies: JSON of every shape, plus what a JSON parser must not be trusted with. */
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { maxKeys: 6 }).map((body) => JSON.stringify(body)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '{"__proto__":{"admin":true},"email":"a@b.co","password":"xxxxxxxxxx"}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"email":',
    "null",
    "[]",
    '"just a string"',
    "",
  ),
  fc.integer({ min: 17, max: 40 }).map((kib) => JSON.stringify({ email: "a@b.co", name: "x".repeat(kib * 1024) })),
  fc.integer({ min: 500, max: 5000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  fc.integer({ min: 500, max: 5000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
);

type Target = { method: string; path: string; signedIn: boolean };
const contract: Target[] = [
  { method: "POST", path: "/api/v1/auth/signup", signedIn: false },
  { method: "POST", path: "/api/v1/auth/signin", signedIn: false },
  { method: "POST", path: "/api/v1/auth/signout", signedIn: false },
  { method: "POST", path: "/api/v1/auth/refresh", signedIn: false },
  { method: "PUT", path: "/api/v1/auth/profile", signedIn: true },
  { method: "PUT", path: "/api/v1/progress", signedIn: true },
  { method: "PUT", path: "/api/v1/feedback", signedIn: true },
];
const betterAuth: Target[] = [
  ...["sign-in/email", "sign-up/email", "request-password-reset", "reset-password", "send-verification-email", "sign-out"].map((endpoint) => ({
    method: "POST",
    path: `/api/auth/${endpoint}`,
    signedIn: false,
  })),
  ...["update-user", "change-password", "verify-password", "delete-user", "revoke-session", "change-email"].map((endpoint) => ({
    method: "POST",
    path: `/api/auth/${endpoint}`,
    signedIn: true,
  })),
];

/** Rows a request could leave behind; a refused request must leave these counts as they were. */
async function storedCounts(): Promise<string> {
  const rows = await queryRows<{ name: string; count: number | string }>(sql`
    select 'user' as name, count(*) as count from "user" union all
    select 'account', count(*) from account union all
    select 'session', count(*) from session union all
    select 'profile', count(*) from reader_profile union all
    select 'verification', count(*) from verification`);
  return rows.map((row) => `${row.name}=${row.count}`).join(",");
}

/** Strings of the request worth looking for in the log: long enough not to match by chance. */
function writtenStrings(raw: string): string[] {
  const found = new Set<string>();
  try {
    JSON.stringify(JSON.parse(raw), (_key, value) => {
      if (typeof value === "string" && value.length >= 12) found.add(value.slice(0, 60));
      return value;
    });
  } catch {
    /* not JSON: nothing structured to find */
  }
  return [...found];
}

async function send(target: Target, raw: string, contentType = "application/json") {
  const headers: Record<string, string> = { "content-type": contentType, "x-forwarded-for": uniqueIp(), origin: "http://localhost:3001" };
  if (target.signedIn) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${target.path}`, { method: target.method, headers, body: raw, redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

async function checkOne(target: Target, raw: string, contentType?: string) {
  const before = await storedCounts();
  const linesBefore = logLines.length;
  const { status, text } = await send(target, raw, contentType);
  const where = `${target.method} ${target.path} ${raw.slice(0, 200)}`;
  expect(status, `${where} → ${text.slice(0, 200)}`).toBeLessThan(500);
  if (status >= 400 && text) {
    expect(() => JSON.parse(text), where).not.toThrow();
    expect(text, where).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Failed query|select .* from/i);
  }
  if (status >= 400 && !target.signedIn) expect(await storedCounts(), `${where}: refused yet stored`).toBe(before);
  const written = writtenStrings(raw);
  for (const line of logLines.slice(linesBefore)) {
    expect(() => JSON.parse(line), `log line not JSON: ${line.slice(0, 200)}`).not.toThrow();
    for (const value of written) expect(line, `${where}: the log repeats the request`).not.toContain(value);
  }
}

describe("hostile input never breaks Lectern", () => {
  for (const target of [...contract, ...betterAuth]) {
    it(`${target.method} ${target.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(shapedBody(target.path), hostileBody), (raw) => checkOne(target, raw)),
        { numRuns: runs },
      );
      // Every field of the endpoint's shape given each wrong type once, the rest well-formed.
      const shape = shapes[target.path] ?? {};
      const wellFormed = Object.fromEntries(Object.entries(shape).map(([name, arbitrary]) => [name, fc.sample(arbitrary, { numRuns: 1, seed: 1 })[0]]));
      for (const name of Object.keys(shape)) {
        for (const wrong of [null, 0, -1.5, true, [], {}, [null], { toString: "x" }, "", "\u0000"]) {
          await checkOne(target, JSON.stringify({ ...wellFormed, [name]: wrong }));
        }
      }
      await checkOne(target, '{"email":"a@b.co"}', "text/plain");
      await checkOne(target, "email=a%40b.co&password=x", "application/x-www-form-urlencoded");
      expect(printed.join("\n")).not.toMatch(/SERVER_ERROR|Failed query/);
    });
  }

  it("GET /api/v1/personalize with hostile query parameters", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("q", "chapter", "limit", "__proto__", "x"), hostileString, { maxKeys: 4 }), async (params) => {
        const query = new URLSearchParams(params as Record<string, string>).toString();
        const response = await fetch(`${server.url}/api/v1/personalize?${query}`, { headers: { "x-forwarded-for": uniqueIp() } });
        expect(response.status, query).toBeLessThan(500);
        await response.text();
      }),
      { numRuns: runs * 2 },
    );
  });

  it("every log line the run wrote is one JSON object from Lectern", () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(JSON.parse(line)).toMatchObject({ service: "lectern" });
  });
});
