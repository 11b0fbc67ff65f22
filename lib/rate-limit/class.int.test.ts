import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail, uniqueIp, type Answer } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { rateLimitRules } from "./index";

/**
 * The rules table over real HTTP (route handlers, Better Auth, the database), with
 * TRUSTED_PROXY_HOPS = 1 so each request's X-Forwarded-For is its client address: a class
 * behind one address is never refused, an attack on credentials still is (DESIGN "Rate limits").
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "a class password";
const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);
const count = (answers: Answer[], status: number) => answers.filter((answer) => answer.status === status).length;

function signUp(email: string, ip: string): Promise<Answer> {
  return callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip });
}

function signIn(email: string, secret: string, ip: string): Promise<Answer> {
  return callJson(server.url, "/api/v1/auth/signin", { body: { email, password: secret }, ip });
}

/** `count` requests as a class sends them: a few students at a time, each wave after the last has its answers. */
async function inWaves(count: number, request: () => Promise<Answer>, wave = 5): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < count) {
    const size = Math.min(wave, count - answers.length);
    answers.push(...(await Promise.all(Array.from({ length: size }, request))));
  }
  return answers;
}

describe("a class behind one address", () => {
  const campus = uniqueIp();
  const tokens: string[] = [];

  it("40 sign-ups in a minute: none refused", async () => {
    const answers = await inWaves(40, () => signUp(uniqueEmail("student"), campus));
    expect(count(answers, 429)).toBe(0);
    expect(count(answers, 201)).toBe(40);
    tokens.push(...answers.map((answer) => answer.body.session_token as string));
  }, 120_000);

  it("32 readers reading their profile and session together: none refused", async () => {
    const readers = tokens.slice(0, 32);
    const answers = await Promise.all(
      readers.flatMap((token) =>
        Array.from({ length: 12 }, (_, index) => callJson(server.url, index % 2 ? "/api/auth/get-session" : "/api/v1/auth/profile", { token, ip: campus })),
      ),
    );
    expect(answers.length).toBe(32 * 12);
    expect(count(answers, 429)).toBe(0);
    expect(count(answers, 200)).toBe(answers.length);
  }, 120_000);

  it("35 sign-ins from the class's address (past the address's failure budget): none refused", async () => {
    const email = uniqueEmail("returning");
    expect((await signUp(email, uniqueIp())).status).toBe(201);
    const answers = await inWaves(rateLimitRules.signInPerAddress.max + 5, () => signIn(email, password, campus));
    expect(count(answers, 429)).toBe(0);
    expect(count(answers, 200)).toBe(answers.length);
  }, 120_000);
});

describe("sign-up", () => {
  it("20 racing sign-ups of one email from one address: one 201, 19 EMAIL_EXISTS", async () => {
    const email = uniqueEmail("racer");
    const ip = uniqueIp();
    const answers = await Promise.all(Array.from({ length: 20 }, () => signUp(email, ip)));
    expect(count(answers, 201)).toBe(1);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body.error.code)).toEqual(Array(19).fill("EMAIL_EXISTS"));
  }, 120_000);

  it("a flood of sign-ups past a class's size from one address meets 429, on the contract and Better Auth's endpoint alike", async () => {
    const ip = uniqueIp();
    const taken = uniqueEmail("taken");
    expect((await signUp(taken, ip)).status).toBe(201);
    // Sign-ups of a taken email are counted too (the budget also bounds probing for accounts).
    const answers: Answer[] = [];
    for (let attempt = 1; attempt < rateLimitRules.signUpPerAddress.max; attempt += 1) answers.push(await signUp(taken, ip));
    expect(count(answers, 429)).toBe(0);
    const past = await signUp(uniqueEmail(), ip);
    expect(past.status).toBe(429);
    expect(past.body.error.code).toBe("RATE_LIMITED");
    expect(Number(past.headers.get("retry-after"))).toBeGreaterThan(0);
    const direct = await callJson(server.url, "/api/auth/sign-up/email", { body: { email: uniqueEmail(), password, name: "" }, ip });
    expect(direct.status).toBe(429);
    expect(direct.body.error.code).toBe("RATE_LIMITED");
    // Another address is not affected.
    expect((await signUp(uniqueEmail(), uniqueIp())).status).toBe(201);
  }, 120_000);
});

describe("sign-in guessing", () => {
  it("brute force on one account from a mix of addresses still meets 429", async () => {
    const email = uniqueEmail("target");
    expect((await signUp(email, uniqueIp())).status).toBe(201);
    const answers: Answer[] = [];
    for (let guess = 0; guess < rateLimitRules.signInPerEmail.max + 1; guess += 1) {
      // Each guess from its own address, a few paths mixed: the contract and Better Auth's own.
      const ip = uniqueIp();
      answers.push(
        guess % 2
          ? await callJson(server.url, "/api/auth/sign-in/email", { body: { email, password: `guess ${guess}` }, ip })
          : await signIn(email, `guess ${guess}`, ip),
      );
    }
    expect(statuses(answers).slice(0, rateLimitRules.signInPerEmail.max)).toEqual(Array(rateLimitRules.signInPerEmail.max).fill(401));
    expect(answers.at(-1)!.status).toBe(429);
    expect(answers.at(-1)!.body.error.code).toBe("RATE_LIMITED");
  }, 180_000);

  it("one stranger's failures at one address do not lock the reader out from another address", async () => {
    const email = uniqueEmail("reader");
    expect((await signUp(email, uniqueIp())).status).toBe(201);
    const stranger = uniqueIp();
    const answers: Answer[] = [];
    for (let guess = 0; guess < 12; guess += 1) answers.push(await signIn(email, `guess ${guess}`, stranger));
    expect(statuses(answers).slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses(answers).slice(5)).toEqual(Array(7).fill(429));
    expect((await signIn(email, password, uniqueIp())).status).toBe(200);
  }, 120_000);

  it("a reader's correct sign-ins do not spend the failure budget of their email at their address", async () => {
    const email = uniqueEmail("steady");
    const ip = uniqueIp();
    expect((await signUp(email, ip)).status).toBe(201);
    for (let round = 0; round < 3; round += 1) {
      expect((await signIn(email, "a wrong password", ip)).status).toBe(401);
      expect((await signIn(email, password, ip)).status).toBe(200);
    }
    // 3 failures so far: 2 more are allowed, the next is refused.
    expect(statuses([await signIn(email, "wrong", ip), await signIn(email, "wrong", ip), await signIn(email, "wrong", ip)])).toEqual([401, 401, 429]);
  }, 120_000);
});

describe("password checks by a signed-in reader", () => {
  it("the 6th wrong current password in 5 minutes meets 429, whichever endpoint checks it", async () => {
    const email = uniqueEmail("checker");
    const created = await signUp(email, uniqueIp());
    const token = created.body.session_token as string;
    const answers: Answer[] = [];
    for (let guess = 0; guess < 6; guess += 1) {
      answers.push(
        guess % 2
          ? await callJson(server.url, "/api/auth/change-password", { token, body: { currentPassword: `guess ${guess}`, newPassword: "a new password 1" } })
          : await callJson(server.url, "/api/auth/delete-user", { token, body: { password: `guess ${guess}` } }),
      );
    }
    expect(statuses(answers)).toEqual([400, 400, 400, 400, 400, 429]);
  }, 120_000);
});

describe("mail", () => {
  it("a 4th reset mail for one email in an hour meets 429", async () => {
    const email = uniqueEmail("forgetful");
    const answers: Answer[] = [];
    for (let ask = 0; ask < 4; ask += 1) {
      answers.push(await callJson(server.url, "/api/auth/request-password-reset", { body: { email, redirectTo: "/reset-password" }, ip: uniqueIp() }));
    }
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
  });

  it("verification mail cannot be asked for while verification is off", async () => {
    const answer = await callJson(server.url, "/api/auth/send-verification-email", { body: { email: uniqueEmail() } });
    expect(answer.status).toBe(404);
  });
});
