import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { call, callJson, uniqueIp } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { queryRows } from "@/testing/query-rows";
import { configuredSocialProviders } from "./index";

/**
 * Social sign-in switched on by configuration (GitHub here; Google is off). GitHub itself cannot be
 * reached offline, so this covers Lectern's side: the authorization URL with its state and PKCE, the
 * provider that is not configured, and a callback whose state Lectern never issued. The linking rules
 * are the same code path as a school's (lib/auth/sso.int.test.ts runs them against a real provider).
 */
let server: TestServer;
beforeAll(async () => {
  process.env.GITHUB_CLIENT_ID = "Iv1.lectern-test";
  process.env.GITHUB_CLIENT_SECRET = "github-test-secret";
  resetConfigForTests();
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(async () => {
  await server?.close();
});

describe("social sign-in (configured providers only)", () => {
  it("lists GitHub only, and starts its authorization with state and PKCE, back to the background step", async () => {
    expect(configuredSocialProviders()).toEqual(["github"]);
    const answer = await call(server.url, "/api/auth/sign-in/social", {
      body: { provider: "github", callbackURL: "/welcome?return_to=%2Faccount", disableRedirect: true },
    });
    expect(answer.status).toBe(200);
    const url = new URL(((await answer.json()) as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe("https://github.com/login/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("Iv1.lectern-test");
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/auth/callback/github");
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(answer.headers.getSetCookie().some((cookie) => cookie.startsWith("lectern.state="))).toBe(true);
  });

  it("refuses a provider that is not configured", async () => {
    const answer = await callJson(server.url, "/api/auth/sign-in/social", { body: { provider: "google", callbackURL: "/welcome" } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  it("a callback with a state Lectern never issued lands on the sign-in page with the error, audited as a failed social sign-in", async () => {
    const ip = uniqueIp();
    // Not followed: the redirect names Lectern's public address (localhost:3000), not this server.
    const answer = await fetch(new URL("/api/auth/callback/github?code=forged&state=never-issued", server.url), {
      redirect: "manual",
      headers: { "x-forwarded-for": ip, "user-agent": "social-suite" },
    });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toMatch(/state/);
    const rows = await queryRows<{ details: Record<string, unknown> }>(
      sql`select details from audit_event where event = 'sign_in_failed' and ip_address = ${ip}`,
    );
    expect(rows.map((row) => row.details)).toEqual([expect.objectContaining({ method: "social", provider: "github" })]);
  });
});
