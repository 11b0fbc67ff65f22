import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteReaderAccount } from "@/lib/auth";
import { indexBook } from "@/lib/content";
import { sealedFeedbackLevels } from "@/lib/reading";
import { consumeRule, rateLimitRules, sessionKey } from "@/lib/rate-limit";
import { bookSections, postgresEngine, readSectionRow } from "@/lib/personalization";
import { callJson, serverRequest, uniqueEmail, uniqueIp, type CallOptions } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { expectDocumented } from "@/testing/openapi-check";
import { queryRows } from "@/testing/query-rows";

/**
 * Reading progress and section feedback (`/api/v1/progress`, `/api/v1/feedback`) over real HTTP
 * into the real handlers, on a database holding the fixture book. Every answer is checked
 * against the OpenAPI document.
 */
isolateBookDatabase();

let server: TestServer;
const fixtureBook = path.join(import.meta.dirname, "../content/fixtures/book");
beforeAll(async () => {
  await indexBook(fixtureBook, postgresEngine);
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const newToEverything = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
const { writesPerSession: writes, readsPerSession: reads } = rateLimitRules;
const call = (method: string, route: string, options: CallOptions = {}) => callJson(server.url, route, { ...options, method });

async function newReader(background: Record<string, string> = newToEverything) {
  const password = "correct horse battery";
  const answer = await call("POST", "/api/v1/auth/signup", { body: { email: uniqueEmail(), password, background } });
  expect(answer.status).toBe(201);
  return { token: answer.body.session_token as string, userId: answer.body.user_id as string, password };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes)).toISOString();
const putProgress = (token: string | undefined, sections: unknown) => call("PUT", "/api/v1/progress", { token, body: { sections } });

describe("PUT /api/v1/progress", () => {
  it("stores marks and answers the stored state of each url sent", async () => {
    const { token } = await newReader();
    const answer = await putProgress(token, [
      { url: "/docs/motors/motors-for-beginners", state: "read", at: at(1) },
      { url: "/docs/motors/motors-for-beginners#how-a-motor-spins", state: "read", at: at(2) },
    ]);
    expect(answer.status).toBe(200);
    expectDocumented("PUT", "/api/v1/progress", answer);
    expect(answer.body.sections.map((row: { url: string; state: string }) => [row.url, row.state])).toEqual([
      ["/docs/motors/motors-for-beginners", "read"],
      ["/docs/motors/motors-for-beginners#how-a-motor-spins", "read"],
    ]);
    expect(answer.headers.get("cache-control")).toContain("no-store");
  });

  it("lets the latest `at` win, in one batch and across calls, and a replay change nothing", async () => {
    const { token } = await newReader();
    const url = "/docs/software/first-script";
    await putProgress(token, [
      { url, state: "read", at: at(5) },
      { url, state: "unread", at: at(3) },
    ]);
    const older = await putProgress(token, [{ url, state: "unread", at: at(4) }]);
    expect(older.body.sections[0].state).toBe("read");
    expect(new Date(older.body.sections[0].updated_at).toISOString()).toBe(at(5));
    const newer = await putProgress(token, [{ url, state: "unread", at: at(6) }]);
    expect(newer.body.sections[0].state).toBe("unread");
    const replay = await putProgress(token, [{ url, state: "read", at: at(5) }]);
    expect(replay.body.sections[0].state).toBe("unread");
  });

  it("refuses an `at` before the year 2000 and stores nothing (year 1 was stored as 2001; issue 21, finding 9)", async () => {
    const { token, userId } = await newReader();
    const answer = await putProgress(token, [{ url: "/docs/software/architecture", state: "read", at: "0001-06-01T00:00:00Z" }]);
    expect([answer.status, answer.body.error.code, answer.body.error.details.field]).toEqual([400, "INVALID_INPUT", "sections.0.at"]);
    expectDocumented("PUT", "/api/v1/progress", answer);
    expect(await queryRows(sql`select 1 from reading_progress where user_id = ${userId}`)).toEqual([]);
  });

  it("counts an `at` far in the future as now, so it cannot pin a state", async () => {
    const { token } = await newReader();
    const url = "/docs/software/architecture";
    const future = await putProgress(token, [{ url, state: "read", at: "2999-01-01T00:00:00Z" }]);
    expect(new Date(future.body.sections[0].updated_at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const later = await putProgress(token, [{ url, state: "unread", at: new Date(Date.now() + 2000).toISOString() }]);
    expect(later.body.sections[0].state).toBe("unread");
  });

  it.each([
    ["sections", {}],
    ["sections", { sections: [] }],
    ["sections", { sections: Array.from({ length: 201 }, (_, index) => ({ url: `/docs/a${index}`, state: "read", at: at(1) })) }],
    ["sections.0.url", { sections: [{ url: "https://elsewhere.example/docs/a", state: "read", at: at(1) }] }],
    ["sections.0.url", { sections: [{ url: "/docs/a?x=1", state: "read", at: at(1) }] }],
    ["sections.0.state", { sections: [{ url: "/docs/a", state: "skimmed", at: at(1) }] }],
    ["sections.0.at", { sections: [{ url: "/docs/a", state: "read", at: "yesterday" }] }],
    ["sections.0.user_id", { sections: [{ url: "/docs/a", state: "read", at: at(1), user_id: "someone-else" }] }],
  ])("answers 400 INVALID_INPUT naming %s", async (field, body) => {
    const { token } = await newReader();
    const answer = await call("PUT", "/api/v1/progress", { token, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field } });
    expectDocumented("PUT", "/api/v1/progress", answer);
  });

  it("answers 401 without a session, and for a made-up token", async () => {
    const body = { sections: [{ url: "/docs/a", state: "read", at: at(1) }] };
    for (const token of [undefined, "made-up-token"]) {
      const answer = await call("PUT", "/api/v1/progress", { token, body });
      expect(answer.status).toBe(401);
      expectDocumented("PUT", "/api/v1/progress", answer);
    }
  });

  it("limits writes per session (429 with Retry-After), whatever address they come from", async () => {
    const { token } = await newReader();
    let last = await putProgress(token, [{ url: "/docs/a", state: "read", at: at(1) }]);
    for (let attempt = 0; attempt < writes.max + 5 && last.status === 200; attempt++) {
      last = await call("PUT", "/api/v1/progress", { token, ip: uniqueIp(), body: { sections: [{ url: "/docs/a", state: "read", at: at(1) }] } });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expectDocumented("PUT", "/api/v1/progress", last);
    const other = await newReader();
    expect((await putProgress(other.token, [{ url: "/docs/a", state: "read", at: at(1) }])).status).toBe(200);
  });
});

describe("GET /api/v1/progress", () => {
  it("answers no sections and no `continue` before any reading", async () => {
    const { token } = await newReader();
    const answer = await call("GET", "/api/v1/progress", { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ sections: [], continue: null });
    expectDocumented("GET", "/api/v1/progress", answer);
  });

  it("continues at the next unread section at the reader's level, in book order, and moves on as sections are read", async () => {
    const { token } = await newReader();
    const book = await bookSections(postgresEngine);
    const atBeginner = book.filter((section) => section.tracks.length === 0 || section.level === "beginner");
    expect(atBeginner.length).toBeGreaterThan(2);
    const [first, second, third] = atBeginner;
    await putProgress(token, [{ url: first!.url, state: "read", at: at(1) }]);
    const afterFirst = await call("GET", "/api/v1/progress", { token });
    expectDocumented("GET", "/api/v1/progress", afterFirst);
    expect(afterFirst.body.continue.url).toBe(second!.url);
    expect(afterFirst.body.continue.title).toContain(second!.title);
    await putProgress(token, [{ url: second!.url, state: "read", at: at(2) }]);
    const afterSecond = await call("GET", "/api/v1/progress", { token });
    expect(afterSecond.body.continue.url).toBe(third!.url);
    expect(afterSecond.body.sections.map((row: { url: string }) => row.url)).toEqual([second!.url, first!.url]);
  });

  it("skips sections above a beginner's level", async () => {
    const { token } = await newReader();
    const book = await bookSections(postgresEngine);
    const advancedIndex = book.findIndex((section) => section.level === "advanced" && section.tracks.length > 0);
    expect(advancedIndex).toBeGreaterThan(0);
    await putProgress(token, [{ url: book[advancedIndex - 1]!.url, state: "read", at: at(1) }]);
    const answer = await call("GET", "/api/v1/progress", { token });
    expect(answer.body.continue.url).not.toBe(book[advancedIndex]!.url);
  });

  it("never shows one reader's progress to another", async () => {
    const alice = await newReader();
    const bob = await newReader();
    await putProgress(alice.token, [{ url: "/docs/alice-only", state: "read", at: at(1) }]);
    const bobs = await call("GET", "/api/v1/progress", { token: bob.token });
    expect(bobs.body.sections).toEqual([]);
  });

  it("answers 401 without a session", async () => {
    const answer = await call("GET", "/api/v1/progress");
    expect(answer.status).toBe(401);
    expectDocumented("GET", "/api/v1/progress", answer);
  });

  it("answers 429 with Retry-After once the session's read budget is spent", async () => {
    const { token } = await newReader();
    // Spend the budget in-process (the fast store is this process's memory) rather than by 600 requests.
    for (let spent = 0; spent < reads.max; spent++) await consumeRule("readsPerSession", sessionKey(token));
    const last = await call("GET", "/api/v1/progress", { token });
    expect(last.status, JSON.stringify(last.body)).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expectDocumented("GET", "/api/v1/progress", last);
  });
});

describe("read sections in personalization", () => {
  it("carry read: true with the read row's reason and rank lower; guests get no read field", async () => {
    const { token } = await newReader();
    const before = await call("GET", "/api/v1/personalize?q=motor&limit=50", { token });
    expect(before.status).toBe(200);
    expect(before.body.results.every((result: { read?: boolean }) => result.read === false)).toBe(true);
    type Result = { id: string; url: string; score: number; read?: boolean; reasons: string[]; also?: unknown[] };
    const results: Result[] = before.body.results;
    // A section whose page has no third section to trade places with (a list shows two per page, the rest go to `also`).
    const page = (result: Result) => result.url.split("#")[0];
    const chosen = results.find((result) => results.filter((other) => page(other) === page(result)).every((other) => !other.also))!;
    expect(chosen).toBeDefined();
    await putProgress(token, [{ url: chosen.url, state: "read", at: at(1) }]);
    const after = await call("GET", "/api/v1/personalize?q=motor&limit=50", { token });
    const again = (after.body.results as Result[]).find((result) => result.id === chosen.id)!;
    expect(again).toMatchObject({ read: true });
    expect(again.reasons).toContain("ranked lower: you have read this section");
    expect(again.score).toBeCloseTo(chosen.score * (1 + readSectionRow.weight), 5);
    expect((after.body.results as Result[]).filter((result) => result.id !== chosen.id).every((result) => result.read === false)).toBe(true);
    const guest = await call("GET", "/api/v1/personalize?q=motor&limit=5");
    expect(guest.body.results.some((result: object) => "read" in result)).toBe(false);
  });
});

describe("PUT /api/v1/feedback", () => {
  const url = "/docs/motors/motor-control-internals#how-a-motor-controller-regulates-current";

  it("stores one answer per reader and section; a new answer replaces reason and comment", async () => {
    const reader = await newReader();
    const first = await call("PUT", "/api/v1/feedback", {
      token: reader.token,
      body: { url, helpful: false, reason: "too_hard", comment: "  lost me at PWM  " },
    });
    expect(first.status).toBe(200);
    expectDocumented("PUT", "/api/v1/feedback", first);
    expect(first.body).toMatchObject({ url, helpful: false, reason: "too_hard", comment: "lost me at PWM" });
    const second = await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url, helpful: true } });
    expect(second.body).toMatchObject({ url, helpful: true, reason: null, comment: null });
    const rows = await queryRows<{ helpful: boolean; target_levels_sealed: string }>(
      sql`select helpful, target_levels_sealed from section_feedback where user_id = ${reader.userId}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.helpful).toBe(true);
  });

  it("stores the reader's target levels sealed, never readable as written", async () => {
    const reader = await newReader();
    await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url, helpful: false, reason: "unclear" } });
    const [row] = await queryRows<{ target_levels_sealed: string }>(sql`select target_levels_sealed from section_feedback where user_id = ${reader.userId}`);
    expect(row!.target_levels_sealed).not.toContain("beginner");
    expect(JSON.parse(sealedFeedbackLevels.open(row!.target_levels_sealed, [reader.userId, url]))).toEqual({
      software: "beginner",
      programming: "beginner",
      hardware: "beginner",
    });
  });

  it.each([
    ["helpful", { url }],
    ["url", { url: "no-slash", helpful: true }],
    ["reason", { url, helpful: false, reason: "boring" }],
    ["comment", { url, helpful: false, comment: "x".repeat(1001) }],
    ["user_id", { url, helpful: false, user_id: "someone-else" }],
  ])("answers 400 INVALID_INPUT naming %s", async (field, body) => {
    const reader = await newReader();
    const answer = await call("PUT", "/api/v1/feedback", { token: reader.token, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field } });
    expectDocumented("PUT", "/api/v1/feedback", answer);
  });

  it("takes only pages and sections of the indexed book, so a reader's answers are bounded by it (issue 21, finding 7)", async () => {
    const reader = await newReader();
    const tricks = ["//evil.com/x", "/../../etc/passwd", "/docs/\u202Etxt.exe", "/docs/not-in-the-book", "/docs/motors/motors-for-beginners#no-such-heading"];
    for (const trick of tricks) {
      const answer = await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url: trick, helpful: true } });
      expect([answer.status, answer.body.error.code, answer.body.error.details.field], trick).toEqual([400, "INVALID_INPUT", "url"]);
      expectDocumented("PUT", "/api/v1/feedback", answer);
    }
    // Every page and section once, then again: one row each, never more than the book has.
    const book = await bookSections();
    const urls = [...new Set(book.flatMap((section) => [section.url, section.url.split("#")[0]!]))].slice(0, 20);
    for (const section of [...urls, ...urls]) {
      const answer = await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url: section, helpful: false, reason: "unclear" } });
      expect(answer.status, section).toBe(200);
    }
    const [stored] = await queryRows<{ n: number }>(sql`select count(*)::int as n from section_feedback where user_id = ${reader.userId}`);
    expect(Number(stored!.n)).toBe(urls.length);
  });

  it("answers 401 without a session", async () => {
    const answer = await call("PUT", "/api/v1/feedback", { body: { url, helpful: true } });
    expect(answer.status).toBe(401);
    expectDocumented("PUT", "/api/v1/feedback", answer);
  });

  it("limits answers per session (429)", async () => {
    const reader = await newReader();
    let last = await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url, helpful: true } });
    for (let attempt = 0; attempt < writes.max + 5 && last.status === 200; attempt++) {
      last = await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url, helpful: true } });
    }
    expect(last.status).toBe(429);
    expectDocumented("PUT", "/api/v1/feedback", last);
  });
});

describe("deleting the account", () => {
  it("deletes the reader's progress and feedback with it", async () => {
    const reader = await newReader();
    await putProgress(reader.token, [{ url: "/docs/a", state: "read", at: at(1) }]);
    await call("PUT", "/api/v1/feedback", { token: reader.token, body: { url: "/docs/motors/motors-for-beginners", helpful: true } });
    const [before] = await queryRows<{ n: number }>(
      sql`select (select count(*) from reading_progress where user_id = ${reader.userId}) + (select count(*) from section_feedback where user_id = ${reader.userId}) as n`,
    );
    expect(Number(before!.n)).toBe(2);
    await deleteReaderAccount(serverRequest({ token: reader.token }), reader.password);
    const [after] = await queryRows<{ n: number }>(
      sql`select (select count(*) from reading_progress where user_id = ${reader.userId}) + (select count(*) from section_feedback where user_id = ${reader.userId}) as n`,
    );
    expect(Number(after!.n)).toBe(0);
  });
});
