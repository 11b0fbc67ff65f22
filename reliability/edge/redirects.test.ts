import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookOrigin, callJson, sampleBackground, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";

/**
 * Finding: Better Auth's verify-email took `/.//host` as a relative callbackURL and redirected
 * to `//host` on its error path, an open redirect from an unauthenticated link. No Better Auth
 * endpoint may send a browser anywhere but Lectern or the book, whatever the spelling.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const lectern = "http://localhost:3000";
const home = () => new Set([new URL(server.url).origin, lectern, bookOrigin, "http://book.test"]);

const tricks = [
  "/.//evil.example",
  "/..//evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5C%5Cevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  " //evil.example",
  "https://evil.example",
  "https:evil.example",
  "https:/\\evil.example",
  "http://localhost:3000@evil.example",
  "http://localhost:3001.evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
];

/** Where a browser would go: a Location or a JSON `url`, resolved against the request's URL. */
function expectStaysHome(requestUrl: string, answer: { status: number; headers: Headers; body: unknown }, trick: string) {
  expect(answer.status, `${trick}: status`).toBeLessThan(500);
  const targets = [answer.headers.get("location")];
  if (answer.body && typeof answer.body === "object" && "url" in answer.body) targets.push(String(answer.body.url));
  for (const target of targets) {
    if (target === null) continue;
    const resolved = new URL(target, requestUrl);
    expect(home().has(resolved.origin), `${JSON.stringify(trick)} sent the browser to ${resolved.href}`).toBe(true);
  }
}

async function get(path: string) {
  const response = await fetch(`${server.url}${path}`, { redirect: "manual", headers: { "x-forwarded-for": uniqueIp() } });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { url: `${server.url}${path}`, status: response.status, headers: response.headers, body };
}

describe("Better Auth's redirects never leave Lectern or the book", () => {
  it("verify-email with a bad token, for every spelling of another host", async () => {
    for (const trick of tricks) {
      const answer = await get(`/api/auth/verify-email?token=not-a-token&callbackURL=${encodeURIComponent(trick)}`);
      expectStaysHome(answer.url, answer, trick);
    }
  });

  it("reset-password's link check, for every spelling of another host", async () => {
    for (const trick of tricks) {
      const answer = await get(`/api/auth/reset-password/not-a-token?callbackURL=${encodeURIComponent(trick)}`);
      expectStaysHome(answer.url, answer, trick);
    }
  });

  it("sign-in, sign-up, reset and verification requests that name a callback", async () => {
    const email = uniqueEmail();
    const password = "a redirect password";
    expect((await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground } })).status).toBe(201);
    for (const trick of tricks) {
      const requests: Array<[string, Record<string, unknown>]> = [
        ["/api/auth/sign-in/email", { email, password, callbackURL: trick }],
        ["/api/auth/sign-up/email", { email: uniqueEmail(), password, name: "", callbackURL: trick }],
        ["/api/auth/request-password-reset", { email, redirectTo: trick }],
        ["/api/auth/send-verification-email", { email, callbackURL: trick }],
      ];
      for (const [path, body] of requests) {
        const answer = await callJson(server.url, path, { body });
        expectStaysHome(`${server.url}${path}`, answer, `${path} ${trick}`);
      }
    }
  });

  it("still follows a callback to Lectern's own page or the book", async () => {
    for (const target of ["/account?welcome=1", `${bookOrigin}/docs/intro`]) {
      const answer = await get(`/api/auth/verify-email?token=not-a-token&callbackURL=${encodeURIComponent(target)}`);
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get("location")!, answer.url);
      expect([location.origin, location.pathname]).toEqual([new URL(target, lectern).origin, new URL(target, lectern).pathname]);
      expect(location.searchParams.get("error")).toBe("INVALID_TOKEN");
    }
  });
});
