import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, presentedSession, readJsonBody, readQuery, withBodyLimit } from ".";

const body = z.strictObject({ email: z.email(), age: z.number().int().optional() });
const post = (payload: string, contentType = "application/json") =>
  new Request("http://lectern.test/x", { method: "POST", body: payload, headers: { "content-type": contentType } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("readJsonBody", () => {
  it("returns the parsed body when it matches the schema", async () => {
    await expect(readJsonBody(post('{"email":"a@b.co"}'), body)).resolves.toEqual({ email: "a@b.co" });
  });

  it("rejects a non-JSON content type naming content-type", async () => {
    const error = await failure(readJsonBody(post('{"email":"a@b.co"}', "text/plain"), body));
    expect([error.status, error.code, error.details?.field]).toEqual([400, "INVALID_INPUT", "content-type"]);
  });

  it("rejects malformed JSON without echoing a parser trace", async () => {
    const error = await failure(readJsonBody(post('{"email":'), body));
    expect(error.details).toEqual({ field: "body", reason: "malformed JSON" });
    expect(error.message).not.toMatch(/position|Unexpected/);
  });

  it("answers 413 for a body over the limit", async () => {
    const error = await failure(readJsonBody(post(JSON.stringify({ email: "x".repeat(20_000) })), body));
    expect(error.status).toBe(413);
  });

  it("names an unknown field", async () => {
    const error = await failure(readJsonBody(post('{"email":"a@b.co","emailVerified":true}'), body));
    expect(error.details).toMatchObject({ field: "emailVerified", reason: "unknown field" });
  });

  it("names a field of the wrong type", async () => {
    const error = await failure(readJsonBody(post('{"email":"a@b.co","age":"ten"}'), body));
    expect(error.details?.field).toBe("age");
  });
});

describe("readQuery", () => {
  it("treats empty parameters as absent", () => {
    const schema = z.object({ q: z.string().optional() });
    expect(readQuery(new Request("http://lectern.test/x?q="), schema)).toEqual({});
  });

  it("rejects a parameter given twice with INVALID_INPUT naming it, rather than keeping the last", async () => {
    const schema = z.object({ q: z.string().optional(), limit: z.string().optional() });
    const request = new Request("http://lectern.test/x?q=motors&limit=5&limit=99");
    const error = await failure(Promise.resolve().then(() => readQuery(request, schema)));
    expect(error).toMatchObject({ code: "INVALID_INPUT", status: 400, details: { field: "limit", reason: "given more than once" } });
  });
});

describe("withBodyLimit", () => {
  it("passes a small body through unchanged", async () => {
    const limited = await withBodyLimit(post('{"email":"a@b.co"}'));
    expect(await limited.json()).toEqual({ email: "a@b.co" });
    expect(limited.headers.get("content-type")).toBe("application/json");
  });

  it("refuses a body over the limit with 413 even without a Content-Length", async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let chunk = 0; chunk < 10; chunk += 1) controller.enqueue(new TextEncoder().encode("x".repeat(4096)));
        controller.close();
      },
    });
    const request = new Request("http://lectern.test/x", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    const error = await failure(withBodyLimit(request));
    expect([error.status, error.code]).toEqual([413, "INVALID_INPUT"]);
  });
});

describe("presentedSession", () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it("reads a bearer token, raw or in its signed form, before the cookie", () => {
    expect(presentedSession(headers({ authorization: "Bearer abc123" }))).toEqual({ via: "bearer", token: "abc123" });
    expect(presentedSession(headers({ authorization: "bearer abc123.c2ln%3D", cookie: "lectern.session_token=zzz.sig" }))).toEqual({
      via: "bearer",
      token: "abc123",
    });
  });

  it("reads the session cookie, secure prefix or not, when no bearer is sent", () => {
    expect(presentedSession(headers({ cookie: "a=b; __Secure-lectern.session_token=tok%2E1.sig" }))).toEqual({ via: "cookie", token: "tok" });
    expect(presentedSession(headers({ cookie: "lectern.session_token=tok2.sig" }))).toEqual({ via: "cookie", token: "tok2" });
  });

  it("treats Basic, Negotiate and an empty Bearer as no bearer at all", () => {
    for (const authorization of ["Basic dXNlcjpwdw==", "Negotiate abc", "Bearer ", "Bearer", "Bearer a b"]) {
      expect(presentedSession(headers({ authorization }))).toBeNull();
      expect(presentedSession(headers({ authorization, cookie: "lectern.session_token=c.s" }))?.via).toBe("cookie");
    }
  });

  it("answers null for a request that presents nothing", () => {
    expect(presentedSession(headers({}))).toBeNull();
    expect(presentedSession(null)).toBeNull();
  });
});
