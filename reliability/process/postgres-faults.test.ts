import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { background, createPostgresCluster, send, startLectern, type Lectern, type PostgresCluster } from "./harness";

/**
 * The Postgres server goes away under load and comes back: Lectern answers 503 in the envelope
 * quickly while it is gone (never a 500 or a stack), stays up, recovers without a restart, and
 * every sign-up it acknowledged is there with its background. On the suite's own cluster.
 */
const lecternPort = 4701;
const postgresPort = 4710;
const searchMarker = `secret-search-${randomUUID().slice(0, 8)}`;
/**
 * Bound on any answer while the database is down: a request makes up to three database calls
 * in turn, each failing at the 5 s connect timeout (db/client.ts), so 15 s plus a busy machine's
 * margin; still below postgres.js's default 30 s for one call, the hang this guards against.
 */
const downAnswerBoundMs = 25_000;

let cluster: PostgresCluster;
let lectern: Lectern;
beforeAll(async () => {
  cluster = createPostgresCluster(postgresPort);
  lectern = await startLectern(lecternPort, { DATABASE_URL: cluster.url(), DATA_DIR: "/tmp/lectern-reliability/pg-faults-data" });
});
afterAll(async () => {
  await lectern?.stop();
  cluster?.remove();
});

type Outcome = { phase: string; route: string; status: number; code?: string; ms: number; text: string };

describe("the Postgres server stops under load and starts again", () => {
  it("503 in the envelope while down, recovery without a restart, every acknowledged sign-up kept", async () => {
    const readers: Array<{ token: string }> = [];
    for (let index = 0; index < 3; index += 1) {
      const up = await send(lectern.url, "/api/v1/auth/signup", {
        body: { email: `pg-${randomUUID()}@example.org`, password: "a faulty password", background },
      });
      expect(up.status).toBe(201);
      readers.push({ token: up.body.session_token });
    }
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];
    let phase = "up";
    let running = true;
    const worker = async (index: number) => {
      const reader = readers[index % readers.length]!;
      while (running) {
        const email = `pg-load-${randomUUID()}@example.org`;
        const calls: Array<[string, () => ReturnType<typeof send>]> = [
          ["signup", () => send(lectern.url, "/api/v1/auth/signup", { body: { email, password: "a loaded password", background }, timeoutMs: 30_000 })],
          ["profile", () => send(lectern.url, "/api/v1/auth/profile", { token: reader.token })],
          ["session", () => send(lectern.url, "/api/auth/get-session", { token: reader.token })],
          ["personalize", () => send(lectern.url, `/api/v1/personalize?q=${searchMarker}`, { token: reader.token })],
        ];
        for (const [route, call] of calls) {
          const at = phase;
          const answer = await call().catch((error: unknown) => ({ status: 0, body: null, text: String(error), ms: 30_000 }));
          outcomes.push({ phase: at, route, status: answer.status, code: answer.body?.error?.code, ms: answer.ms, text: answer.text.slice(0, 300) });
          if (route === "signup" && answer.status === 201 && answer.body.profile_complete) acknowledged.push(email);
        }
      }
    };
    const workers = Array.from({ length: 4 }, (_, index) => worker(index));
    await new Promise((resolve) => setTimeout(resolve, 3000));

    phase = "down";
    cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const health = await send(lectern.url, "/api/health");
    expect(health.status, "liveness while the database is down").toBe(200);
    const ready = await send(lectern.url, "/api/ready");
    expect(ready.status).toBe(503);

    phase = "recovering";
    cluster.start();
    const recoveredBy = Date.now() + 60_000;
    let recovered = false;
    while (!recovered && Date.now() < recoveredBy) {
      const probe = await send(lectern.url, "/api/v1/auth/signup", {
        body: { email: `pg-after-${randomUUID()}@example.org`, password: "a recovered password", background },
      });
      recovered = probe.status === 201;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered, "a sign-up succeeds again without restarting Lectern").toBe(true);
    phase = "after";
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    await Promise.all(workers);

    expect(lectern.alive(), "the process stayed up").toBe(true);
    const down = outcomes.filter((outcome) => outcome.phase === "down");
    expect(down.length, "requests were made while the database was down").toBeGreaterThan(0);
    expect(down.filter((outcome) => outcome.status === 503 && outcome.code === "SERVICE_UNAVAILABLE").length).toBeGreaterThan(0);
    const failures = outcomes.filter((outcome) => outcome.status === 0 || outcome.status >= 500);
    for (const failure of failures) {
      expect(failure.status, `${failure.phase} ${failure.route}: ${failure.text}`).toBe(503);
      expect(["SERVICE_UNAVAILABLE", "SEARCH_UNAVAILABLE"], `${failure.route}: ${failure.text}`).toContain(failure.code);
      // Requests made while the database is down answer within the bound; ones already in
      // flight when it stopped may first wait out what they had started.
      if (failure.phase === "down") expect(failure.ms, `${failure.route} answered within the bound`).toBeLessThan(downAnswerBoundMs);
    }
    for (const outcome of outcomes) expect(outcome.text, outcome.route).not.toMatch(/\bat \S+ \(|Failed query|ECONNREFUSED|stack/);
    const after = outcomes.filter((outcome) => outcome.phase === "after");
    expect(after.length).toBeGreaterThan(0);
    expect(
      after.every((outcome) => outcome.status < 500),
      JSON.stringify(after.filter((o) => o.status >= 500)),
    ).toBe(true);

    // Every acknowledged sign-up is stored with its background.
    const sql = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    try {
      const stored = await sql<{ email: string }[]>`
        select u.email from "user" u join reader_profile p on p.user_id = u.id where u.email = any(${acknowledged})`;
      expect(stored.map((row) => row.email).sort()).toEqual([...acknowledged].sort());
      const orphans = await sql<{ id: string }[]>`
        select u.id from "user" u left join account a on a.user_id = u.id where a.id is null`;
      expect(orphans, "no user without its credential account (no partial Better Auth write)").toEqual([]);
    } finally {
      await sql.end();
    }

    // The reader's search text never reaches the log, not even through a database error.
    // (Read after a graceful stop: every line the server wrote is in.)
    await lectern.stop();
    expect(lectern.lines.some((line) => line.includes('"status":503'))).toBe(true);
    expect(lectern.lines.filter((line) => line.includes(searchMarker))).toEqual([]);
    // Errors are logged (as JSON, through the redacting serializer) but never with their SQL
    // parameters, and never raw by better-call.
    expect(lectern.lines.filter((line) => /# SERVER_ERROR|params:/.test(line) || (/Failed query/.test(line) && !line.startsWith("{")))).toEqual([]);
  });
});
