import { randomUUID } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { personalizationEvent } from "@/db/schema";
import { indexBook } from "@/lib/content";
import { apiDocument } from "@/lib/book-api";
import { personalizeResponseSchema } from "@/lib/contract";
import { flushPersonalizationEvents, forgetPersonalizationEvents, postgresEngine, sealedEventLevels } from "@/lib/personalization";
import { callJson, cookieHeaderOf, uniqueEmail, type CallOptions } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";

/** GET /api/v1/personalize over real HTTP into the real handler, on the fixture book in the embedded engine. */
isolateBookDatabase();

let server: TestServer;
beforeAll(async () => {
  await indexBook(path.join(import.meta.dirname, "../../../../lib/content/fixtures/book"), postgresEngine);
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const newToHardware = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
const call = (method: string, path: string, options: CallOptions = {}) => callJson(server.url, path, { origin: "http://book.test", ...options, method });

async function signUp(background: Record<string, string> = newToHardware) {
  const email = uniqueEmail();
  const answer = await call("POST", "/api/v1/auth/signup", { body: { email, password: "correct horse battery", background } });
  expect(answer.status).toBe(201);
  const cookie = cookieHeaderOf(answer.headers);
  return { token: answer.body.session_token as string, userId: answer.body.user_id as string, cookie };
}

const docOf = (result: { url: string }) => result.url.split("#")[0];
const firstIndex = (results: { url: string }[], doc: string) => results.findIndex((result) => docOf(result) === doc);

describe("GET /api/v1/personalize", () => {
  it("answers a guest with unweighted results, no reasons, and a sign-up prompt on Lectern's URL", async () => {
    const answer = await call("GET", "/api/v1/personalize?q=motor");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ personalized: false, engine: "postgres", profile: null });
    expect(answer.body.signup_prompt).toContain("http://localhost:3000/sign-up");
    expect(answer.body.results.length).toBeGreaterThan(0);
    for (const result of answer.body.results) {
      expect(
        Object.keys(result)
          .filter((key) => key !== "also")
          .sort(),
      ).toEqual(["chapter", "id", "inferred", "level", "reason_codes", "reasons", "score", "section", "snippet", "title", "tracks", "url"]);
      expect(result.reasons).toEqual([]);
      expect(result.reason_codes).toEqual([]);
    }
    expect(answer.headers.get("cache-control")).toContain("no-store");
    expect(personalizeResponseSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://book.test");
  });

  it("ranks for a Bearer reader with reasons in plain words", async () => {
    const reader = await signUp();
    const answer = await call("GET", "/api/v1/personalize?q=motor", { token: reader.token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ personalized: true, profile: { background: newToHardware } });
    expect(answer.body.signup_prompt).toBeUndefined();
    expect(personalizeResponseSchema.safeParse(answer.body).error).toBeUndefined();
    const top = answer.body.results[0];
    expect(docOf(top)).toBe("/docs/motors/motors-for-beginners");
    expect(top.reasons).toEqual(['matches your "None" hardware knowledge']);
    // The same reason as a code, for a book in another language (issue 26, point 12).
    expect(top.reason_codes).toEqual([{ code: "matches", params: { track: "hardware", question: "hardware_knowledge", answer: "none" } }]);
  });

  it("knows a reader by the session cookie as well", async () => {
    const reader = await signUp();
    expect(reader.cookie).not.toBe("");
    const answer = await call("GET", "/api/v1/personalize?q=motor", { cookie: reader.cookie });
    expect(answer.body.personalized).toBe(true);
  });

  it("shows a profile update in the very next request", async () => {
    const reader = await signUp();
    const before = (await call("GET", "/api/v1/personalize?q=motor", { token: reader.token })).body.results;
    expect(firstIndex(before, "/docs/motors/motors-for-beginners")).toBeLessThan(firstIndex(before, "/docs/motors/motor-control-internals"));

    const update = await call("PUT", "/api/v1/auth/profile", { token: reader.token, body: { background: { hardware_knowledge: "advanced" } } });
    expect(update.status).toBe(200);

    const after = await call("GET", "/api/v1/personalize?q=motor", { token: reader.token });
    expect(after.body.profile.background.hardware_knowledge).toBe("advanced");
    expect(firstIndex(after.body.results, "/docs/motors/motor-control-internals")).toBeLessThan(
      firstIndex(after.body.results, "/docs/motors/motors-for-beginners"),
    );
  });

  it("filters by chapter and respects limit", async () => {
    const answer = await call("GET", "/api/v1/personalize?chapter=motors&limit=2");
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(2);
    expect(answer.body.results.every((result: { chapter: string }) => result.chapter === "motors")).toBe(true);
  });

  it("returns ten sections by default, at most two of a page in the list and the others in also, and a snippet", async () => {
    const answer = await call("GET", "/api/v1/personalize");
    // The fixture book has exactly ten chunks, one page has three: nine listed, one travelling in `also`.
    const results = answer.body.results as { url: string; also?: unknown[] }[];
    expect(results).toHaveLength(9);
    expect(results.reduce((sum, result) => sum + (result.also?.length ?? 0), 0)).toBe(1);
    expect(answer.body.results[0].snippet.length).toBeGreaterThan(0);
  });

  it.each([
    ["q longer than 500 characters", `q=${"a".repeat(501)}`, "q"],
    ["limit 0", "limit=0", "limit"],
    ["limit 51", "limit=51", "limit"],
    ["limit that is not a number", "limit=ten", "limit"],
    ["limit that is not whole", "limit=2.5", "limit"],
    ["limit in exponent notation", "limit=1e1", "limit"],
    ["limit in hexadecimal", "limit=0x10", "limit"],
    ["limit given twice, even when each is valid", "limit=5&limit=9", "limit"],
    ["a chapter id with a slash", "chapter=motors%2Fx", "chapter"],
    ["an unknown parameter", "level=advanced", "level"],
    ["a current page that is neither a path nor an http(s) URL", "current=javascript%3Aalert(1)", "current"],
    ["a protocol-relative current page", "current=%2F%2Fevil.test%2Fdocs", "current"],
  ])("rejects %s with INVALID_INPUT naming the parameter", async (_, query, field) => {
    const answer = await call("GET", `/api/v1/personalize?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field } });
    expect(answer.body.error.message).not.toMatch(/at \w+ \(|select|ZodError/i);
  });

  it("accepts a q of exactly 500 characters", async () => {
    expect((await call("GET", `/api/v1/personalize?q=${"a".repeat(500)}`)).status).toBe(200);
  });

  it("records a reader's event with query and target levels, and a guest's without query or user", async () => {
    const reader = await signUp();
    const marker = `gearbox ${randomUUID().slice(0, 8)}`;
    await call("GET", `/api/v1/personalize?q=${encodeURIComponent(marker)}&chapter=motors`, { token: reader.token });
    const db = await database();
    // Held back for at most eventBatch.maxWaitMs, then written without anyone asking.
    await expect.poll(async () => (await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId))).length).toBe(1);
    const [event] = await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId));
    expect(event).toMatchObject({ query: marker, chapter: "motors", engine: "postgres" });
    expect(event!.targetLevelsSealed).not.toMatch(/beginner|intermediate|advanced/);
    expect(JSON.parse(sealedEventLevels.open(event!.targetLevelsSealed!, [event!.id]))).toEqual({
      software: "beginner",
      programming: "beginner",
      hardware: "beginner",
    });
    expect(event!.latencyMs).toBeGreaterThanOrEqual(0);

    const guestText = `guest-secret-${randomUUID()}`;
    await call("GET", `/api/v1/personalize?q=${guestText}`);
    await flushPersonalizationEvents();
    const rows = await db.select().from(personalizationEvent);
    expect(rows.some((row) => row.query?.includes("guest-secret"))).toBe(false);
    expect(rows.some((row) => row.userId === null && row.targetLevelsSealed === null)).toBe(true);
  });

  it("turns a deleted reader's events into anonymous counts", async () => {
    const reader = await signUp();
    await call("GET", "/api/v1/personalize?q=motor", { token: reader.token });
    await flushPersonalizationEvents();
    const db = await database();
    const [before] = await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId));
    await forgetPersonalizationEvents(reader.userId);
    expect(await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId))).toEqual([]);
    const [after] = await db.select().from(personalizationEvent).where(eq(personalizationEvent.id, before!.id));
    expect(after).toMatchObject({ userId: null, query: null, resultCount: before!.resultCount });
  });

  it("leaves the page being read (path or URL, trailing slash or anchor) out of a list without a query", async () => {
    const page = "/docs/motors/motors-for-beginners";
    const onPage = (answer: { body: { results: { url: string }[] } }) => answer.body.results.filter((result) => docOf(result) === page);
    expect(onPage(await call("GET", "/api/v1/personalize?limit=50")).length).toBeGreaterThan(0);
    for (const current of [page, `${page}/`, `http://book.test${page}#how-motors-work`]) {
      const answer = await call("GET", `/api/v1/personalize?limit=50&current=${encodeURIComponent(current)}`);
      expect(answer.status).toBe(200);
      expect(answer.body.results.length).toBeGreaterThan(0);
      expect(onPage(answer)).toEqual([]);
    }
  });

  it("is described in the OpenAPI document with its parameters and error statuses", () => {
    const operation = (apiDocument().paths as Record<string, any>)["/api/v1/personalize"].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(["q", "chapter", "limit", "current"]);
    expect(Object.keys(operation.responses)).toEqual(["200", "400", "503"]);
  });

  it("exposes engine time per search on /api/metrics, by engine and whether it was personalized", async () => {
    await call("GET", "/api/v1/personalize?q=motor");
    const text = await (await fetch(`${server.url}/api/metrics`)).text();
    expect(text).toMatch(/lectern_personalization_search_seconds_count\{[^}]*engine="postgres"[^}]*personalized="false"[^}]*\} [1-9]/);
  });

  it("answers the CORS preflight from a book origin", async () => {
    const response = await fetch(`${server.url}/api/v1/personalize`, {
      method: "OPTIONS",
      headers: { origin: "http://book.test", "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://book.test");
  });
});
