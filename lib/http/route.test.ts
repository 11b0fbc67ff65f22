import { describe, expect, it } from "vitest";
import { ApiError, apiRoute, json, jsonTextOf, loggablePath, preflight } from ".";

const fromBook = (method = "GET") => new Request("http://lectern.test/api/x", { method, headers: { origin: "http://localhost:3001" } });

describe("apiRoute", () => {
  it("maps an ApiError to the contract envelope and status", async () => {
    const route = apiRoute(() => {
      throw new ApiError("EMAIL_EXISTS", "That email already has an account.", { field: "email" });
    });
    const response = await route(fromBook());
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "EMAIL_EXISTS", message: "That email already has an account.", details: { field: "email" } },
    });
  });

  it("recognises an ApiError made by another copy of this module (tsx's server vs Next's bundle)", async () => {
    const brand = Symbol.for("lectern.api-error");
    const foreign = Object.assign(new Error("engine down"), { [brand]: true, code: "SEARCH_UNAVAILABLE", status: 503, headers: {} });
    const response = await apiRoute(() => {
      throw foreign;
    })(fromBook());
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("SEARCH_UNAVAILABLE");
  });

  it("hides an unexpected error behind INTERNAL_ERROR with no stack or SQL", async () => {
    const route = apiRoute(() => {
      throw new Error('relation "user" does not exist at Object.<anonymous> (/app/lib/x.ts:1:1)');
    });
    const response = await route(fromBook());
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text).error.code).toBe("INTERNAL_ERROR");
    expect(text).not.toMatch(/relation|\.ts:|at Object/);
  });

  it("sets security headers, a request id and CORS for a book origin", async () => {
    const response = await apiRoute(() => Response.json({ ok: true }))(fromBook());
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]{36}$/);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3001");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    // A request without a bearer is never handed (nor shown) a session token (issue 21, finding 3).
    expect(response.headers.get("access-control-expose-headers")).not.toContain("set-auth-token");
  });

  it("hands a bearer request to its route without the session cookies beside it (the bearer authenticates alone)", async () => {
    const seen = await apiRoute((request) => Response.json({ cookie: request.headers.get("cookie") }))(
      new Request("http://lectern.test/api/x", {
        method: "POST",
        headers: { authorization: "Bearer abc", cookie: "lectern.session_token=t.s; lectern.device=d1; other=1" },
        body: "{}",
      }),
    );
    expect((await seen.json()).cookie).toBe("lectern.device=d1; other=1");
    const basic = await apiRoute((request) => Response.json({ cookie: request.headers.get("cookie") }))(
      new Request("http://lectern.test/api/x", { headers: { authorization: "Basic dTpw", cookie: "lectern.session_token=t.s" } }),
    );
    expect((await basic.json()).cookie).toBe("lectern.session_token=t.s");
  });

  it("passes set-auth-token only to a request that presented a bearer", async () => {
    const issuing = apiRoute(() => Response.json({ ok: true }, { headers: { "set-auth-token": "fresh.sig" } }));
    const cookieOnly = await issuing(
      new Request("http://lectern.test/api/x", { headers: { origin: "http://localhost:3001", cookie: "lectern.session_token=t.s" } }),
    );
    expect(cookieOnly.headers.get("set-auth-token")).toBeNull();
    const bearer = await issuing(new Request("http://lectern.test/api/x", { headers: { origin: "http://localhost:3001", authorization: "Bearer abc" } }));
    expect(bearer.headers.get("set-auth-token")).toBe("fresh.sig");
    expect(bearer.headers.get("access-control-expose-headers")).toContain("set-auth-token");
  });

  it("grants no CORS to a foreign origin", async () => {
    const request = new Request("http://lectern.test/api/x", { headers: { origin: "https://evil.example" } });
    const response = await apiRoute(() => Response.json({ ok: true }))(request);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight from a book origin with methods and headers", () => {
    const response = preflight(fromBook("OPTIONS"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("answers a foreign preflight without a grant", () => {
    const request = new Request("http://lectern.test/api/x", { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    const response = preflight(request);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
  });
});

describe("loggablePath", () => {
  it("keeps Lectern's own API paths", () => {
    expect(loggablePath("/api/v1/auth/profile")).toBe("/api/v1/auth/profile");
  });

  it("drops Better Auth path segments that can carry tokens", () => {
    expect(loggablePath("/api/auth/reset-password/SECRETTOKEN123")).toBe("/api/auth/reset-password/…");
    expect(loggablePath("/api/auth/get-session")).toBe("/api/auth/get-session");
  });

  it("keeps tokens out of the access log and the metrics of a real request", async () => {
    const { metrics } = await import("@/lib/ops");
    const route = apiRoute(() => new Response(null, { status: 302 }));
    await route(new Request("http://lectern.test/api/auth/reset-password/SECRETTOKEN123?callbackURL=/x"));
    expect(await metrics().registry.metrics()).not.toContain("SECRETTOKEN123");
  });
});

describe("json", () => {
  it("answers as Response.json does, and keeps the text for a server that writes it unread", async () => {
    const answer = json({ status: "ok", n: 1 }, { status: 201, headers: { "cache-control": "no-store" } });
    const reference = Response.json({ status: "ok", n: 1 }, { status: 201, headers: { "cache-control": "no-store" } });
    expect(answer.status).toBe(201);
    expect([...answer.headers]).toEqual([...reference.headers]);
    expect(jsonTextOf(answer)).toBe(await reference.text());
    expect(await answer.text()).toBe(jsonTextOf(json({ status: "ok", n: 1 })));
    // Once its body is read, or for any Response `json` did not make, there is no kept text.
    expect(jsonTextOf(answer)).toBeUndefined();
    expect(jsonTextOf(Response.json({ status: "ok" }))).toBeUndefined();
    expect(() => json(undefined)).toThrow(TypeError);
  });
});
