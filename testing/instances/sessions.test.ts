import { Redis } from "ioredis";
import { afterAll, describe, expect, inject, it } from "vitest";
import { callJson, uniqueEmail } from "@/testing/accounts";
import { beginner, signUp } from "./client";

const a = inject("instanceA");
const b = inject("instanceB");
const redis = new Redis(inject("deployment").redisUrl);
afterAll(() => redis.quit());

/** The session cookie of a `set-cookie` list, as a browser would send it back. */
function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((line) => line.startsWith("lectern.session_token="));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return cookie.split(";")[0]!;
}

describe("a session is one session on every instance", () => {
  it("a bearer session made on one instance is valid on the other", async () => {
    const email = uniqueEmail("bearer");
    const { token, userId } = await signUp(a, email);
    const onB = await callJson(b, "/api/v1/auth/profile", { method: "GET", token });
    expect(onB.status, JSON.stringify(onB.body)).toBe(200);
    expect(onB.body).toMatchObject({ user_id: userId, email });
  });

  it("a cookie session made on one instance is valid on the other", async () => {
    const email = uniqueEmail("cookie");
    const signedUp = await callJson(a, "/api/v1/auth/signup", { method: "POST", body: { email, password: "instances password 1", background: beginner } });
    expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(201);
    const cookie = sessionCookie(signedUp.headers);
    const session = await callJson(b, "/api/auth/get-session", { method: "GET", cookie });
    expect(session.status).toBe(200);
    expect(session.body?.user?.email).toBe(email);
  });

  it("signing out on one instance ends the session on both at once", async () => {
    const { token } = await signUp(a, uniqueEmail("signout"));
    expect((await callJson(b, "/api/v1/auth/profile", { method: "GET", token })).status).toBe(200);
    expect((await callJson(a, "/api/v1/auth/profile", { method: "GET", token })).status).toBe(200);

    expect((await callJson(b, "/api/v1/auth/signout", { method: "POST", token })).status).toBe(200);

    // The very next request, on either instance: no grace period, no cache to expire.
    const [onA, onB] = await Promise.all([
      callJson(a, "/api/v1/auth/profile", { method: "GET", token }),
      callJson(b, "/api/v1/auth/profile", { method: "GET", token }),
    ]);
    expect(onA.status).toBe(401);
    expect(onB.status).toBe(401);
    expect(onA.body.error.code).toBe("UNAUTHORIZED");
    expect((await callJson(a, "/api/v1/personalize?q=motor", { method: "GET", token })).body.personalized).toBe(false);
  });

  it("a refreshed token works on the other instance and the old one is dead on both", async () => {
    const { token } = await signUp(b, uniqueEmail("refresh"));
    const refreshed = await callJson(a, "/api/v1/auth/refresh", { method: "POST", token });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    const fresh = refreshed.body.session_token as string;
    expect(fresh).not.toBe(token);
    expect((await callJson(b, "/api/v1/auth/profile", { method: "GET", token: fresh })).status).toBe(200);
    expect((await callJson(b, "/api/v1/auth/profile", { method: "GET", token })).status).toBe(401);
    expect((await callJson(a, "/api/v1/auth/profile", { method: "GET", token })).status).toBe(401);
  });

  it("the sessions both instances read are in the one Redis, and sign-out removes them there", async () => {
    const { token } = await signUp(a, uniqueEmail("redis"));
    // Better Auth's secondary storage keys a session by its token (the bearer value may carry a signature after a dot).
    const key = `lectern:auth:${token.split(".")[0]}`;
    expect(await redis.exists(key)).toBe(1);
    expect((await callJson(b, "/api/v1/auth/signout", { method: "POST", token })).status).toBe(200);
    expect(await redis.exists(key)).toBe(0);
  });
});
