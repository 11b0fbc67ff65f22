import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJson, sampleBackground, uniqueEmail, uniqueIp, type Answer } from "@/testing/accounts";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { deviceTokenLifetimeSeconds, issueDeviceToken, rateLimitRules } from "./index";

/**
 * A stranger cannot lock a reader out (issue 21, finding 2; ADR-0033), over real HTTP on the
 * real database, with TRUSTED_PROXY_HOPS = 1 so each request's X-Forwarded-For is its address.
 * OWASP's device cookie: a spread guessing attack fills the per-email ceiling for unknown devices
 * only; the reader's own device keeps signing in with the right password, on every path.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustedProxyHops: 1 });
});
afterAll(() => server.close());

const password = "the reader's own password";
const statusesOf = (answers: Answer[]) => answers.map((answer) => answer.status);
const hex = () => randomInt(0, 0xffff).toString(16);
/** A /64 of the documentation prefix, unique to one test. */
const ipv6Network = () => `2001:db8:${hex()}:${hex()}`;

async function signUp(email = uniqueEmail("reader")): Promise<{ email: string; deviceToken: string }> {
  const answer = await callJson(server.url, "/api/v1/auth/signup", { body: { email, password, background: sampleBackground }, ip: uniqueIp() });
  expect(answer.status).toBe(201);
  expect(answer.body.device_token).toMatch(/^d1\./);
  // Cookie clients get the same token as an httpOnly cookie.
  expect(answer.headers.getSetCookie().find((cookie) => cookie.startsWith("lectern.device="))).toMatch(/HttpOnly/i);
  return { email, deviceToken: answer.body.device_token };
}

/** The contract's sign-in, presenting a device token in the body when given one. */
const contractSignIn = (email: string, secret: string, ip: string, device?: string) =>
  callJson(server.url, "/api/v1/auth/signin", { body: { email, password: secret, ...(device ? { device_token: device } : {}) }, ip });
/** Better Auth's own endpoint, presenting a device token as the cookie a browser sends back. */
const betterAuthSignIn = (email: string, secret: string, ip: string, device?: string) =>
  callJson(server.url, "/api/auth/sign-in/email", { body: { email, password: secret }, ip, ...(device ? { cookie: `lectern.device=${device}` } : {}) });

/** The attack of the report: one wrong password per address, from as many addresses as the ceiling allows. */
async function spreadAttack(email: string, addresses: string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const [index, ip] of addresses.entries()) {
    answers.push(await (index % 2 ? betterAuthSignIn : contractSignIn)(email, `stranger's guess ${index}`, ip));
  }
  return answers;
}

describe("50 wrong passwords for one email from 50 addresses", () => {
  const ceiling = rateLimitRules.signInPerEmail.max;
  let reader: { email: string; deviceToken: string };
  let other: { email: string; deviceToken: string };

  beforeAll(async () => {
    reader = await signUp();
    other = await signUp();
    const answers = await spreadAttack(
      reader.email,
      Array.from({ length: ceiling }, () => uniqueIp()),
    );
    expect(statusesOf(answers)).toEqual(Array(ceiling).fill(401));
  }, 240_000);

  it("the reader's correct password from a known device still signs in, on the contract and on Better Auth's endpoint", async () => {
    const viaContract = await contractSignIn(reader.email, password, uniqueIp(), reader.deviceToken);
    expect(viaContract.status, JSON.stringify(viaContract.body)).toBe(200);
    // Each sign-in leaves a fresh token for next time.
    expect(viaContract.body.device_token).toMatch(/^d1\./);
    const viaBetterAuth = await betterAuthSignIn(reader.email, password, uniqueIp(), viaContract.body.device_token);
    expect(viaBetterAuth.status, JSON.stringify(viaBetterAuth.body)).toBe(200);
  });

  it("the same password from an unknown device meets the ceiling (429 with Retry-After), on both paths", async () => {
    for (const signIn of [contractSignIn, betterAuthSignIn]) {
      const answer = await signIn(reader.email, password, uniqueIp());
      expect([answer.status, answer.body.error.code]).toEqual([429, "RATE_LIMITED"]);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("a forged, expired or other reader's device token gives no exemption", async () => {
    const last = reader.deviceToken.at(-1) === "A" ? "B" : "A";
    const forged = [
      `${reader.deviceToken.slice(0, -1)}${last}`,
      "d1.AAAAAAAAAAAAAAAAAAAAAA.1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      issueDeviceToken(reader.email, new Date(Date.now() - (deviceTokenLifetimeSeconds + 60) * 1000)),
      other.deviceToken,
      "not a token",
    ];
    for (const token of forged) {
      expect((await contractSignIn(reader.email, password, uniqueIp(), token)).status, token).toBe(429);
      expect((await betterAuthSignIn(reader.email, password, uniqueIp(), token)).status, token).toBe(429);
    }
  });

  it("a known device's own failures from one address are still limited per email and address", async () => {
    const ip = uniqueIp();
    const { max } = rateLimitRules.signInPerEmailAndAddress;
    const answers: Answer[] = [];
    for (let guess = 0; guess <= max; guess += 1) answers.push(await contractSignIn(reader.email, `typo ${guess}`, ip, reader.deviceToken));
    expect(statusesOf(answers)).toEqual([...Array(max).fill(401), 429]);
    // That address only: the device signs in from the next one.
    expect((await contractSignIn(reader.email, password, uniqueIp(), reader.deviceToken)).status).toBe(200);
  }, 60_000);
});

describe("a device token that guesses wrong", () => {
  it("is locked after its own failure budget, whatever addresses it comes from: then it exempts nothing", async () => {
    const reader = await signUp();
    const { max } = rateLimitRules.signInPerDevice;
    const answers: Answer[] = [];
    for (let guess = 0; guess <= max; guess += 1) answers.push(await betterAuthSignIn(reader.email, `stolen cookie ${guess}`, uniqueIp(), reader.deviceToken));
    expect(statusesOf(answers)).toEqual([...Array(max).fill(401), 429]);
    expect((await contractSignIn(reader.email, password, uniqueIp(), reader.deviceToken)).status).toBe(429);
    // Another device of the reader is not locked, nor is the reader on an unknown one (the ceiling was not filled).
    expect((await contractSignIn(reader.email, password, uniqueIp())).status).toBe(200);
  }, 60_000);
});

describe("one IPv6 /64 is one address", () => {
  it("50 wrong passwords from 50 addresses of one /64 meet the per email and address budget; the reader signs in from a known device and an unknown one", async () => {
    const reader = await signUp();
    const network = ipv6Network();
    const answers = await spreadAttack(
      reader.email,
      Array.from({ length: 50 }, (_, index) => `${network}::${(index + 1).toString(16)}`),
    );
    const { max } = rateLimitRules.signInPerEmailAndAddress;
    expect(statusesOf(answers)).toEqual([...Array(max).fill(401), ...Array(50 - max).fill(429)]);
    expect((await betterAuthSignIn(reader.email, password, uniqueIp(), reader.deviceToken)).status).toBe(200);
    expect((await contractSignIn(reader.email, password, uniqueIp())).status).toBe(200);
  }, 120_000);
});

describe("client addresses keyed as Better Auth keys them", () => {
  it("::ffff:a.b.c.d and a.b.c.d share one budget; so do 2001:db8::1 and 2001:db8::2 (one /64)", async () => {
    const { max } = rateLimitRules.signInPerEmailAndAddress;
    const ipv4 = uniqueIp();
    const network = ipv6Network();
    for (const [first, second] of [
      [`::ffff:${ipv4}`, ipv4],
      [`${network}::1`, `${network}::2`],
    ] as const) {
      const { email } = await signUp();
      for (let guess = 0; guess < max; guess += 1) expect((await contractSignIn(email, `guess ${guess}`, first)).status).toBe(401);
      const next = await betterAuthSignIn(email, password, second);
      expect([first, second, next.status]).toEqual([first, second, 429]);
    }
  }, 120_000);

  it("the contract's sign-up and Better Auth's share one budget per address, ::ffff: mapped or not", async () => {
    const ipv4 = uniqueIp();
    const { email: taken } = await signUp();
    // Sign-ups of a taken email are counted too, and cost no password hash.
    for (let attempt = 0; attempt < rateLimitRules.signUpPerAddress.max; attempt += 1) {
      const answer = await callJson(server.url, "/api/v1/auth/signup", {
        body: { email: taken, password, background: sampleBackground },
        ip: `::ffff:${ipv4}`,
      });
      expect(answer.status).toBe(409);
    }
    const direct = await callJson(server.url, "/api/auth/sign-up/email", { body: { email: uniqueEmail(), password, name: "" }, ip: ipv4 });
    expect([direct.status, direct.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
  }, 120_000);

  it("Better Auth's sign-up and the contract's share one budget per IPv6 /64", async () => {
    const network = ipv6Network();
    const { email: taken } = await signUp();
    for (let attempt = 0; attempt < rateLimitRules.signUpPerAddress.max; attempt += 1) {
      const answer = await callJson(server.url, "/api/auth/sign-up/email", { body: { email: taken, password, name: "" }, ip: `${network}::${hex()}` });
      expect(answer.status).not.toBe(429);
    }
    const contract = await callJson(server.url, "/api/v1/auth/signup", {
      body: { email: uniqueEmail(), password, background: sampleBackground },
      ip: `${network}::1`,
    });
    expect([contract.status, contract.body.error?.code]).toEqual([429, "RATE_LIMITED"]);
  }, 180_000);
});

describe("password reset mail", () => {
  it("three strangers' reset requests do not block the reader's own from a known device; a fourth stranger is refused", async () => {
    const reader = await signUp();
    const ask = (device?: string) =>
      callJson(server.url, "/api/auth/request-password-reset", {
        body: { email: reader.email, redirectTo: "/reset-password" },
        ip: uniqueIp(),
        ...(device ? { cookie: `lectern.device=${device}` } : {}),
      });
    const strangers = [await ask(), await ask(), await ask(), await ask()];
    expect(statusesOf(strangers)).toEqual([200, 200, 200, 429]);
    expect((await ask(reader.deviceToken)).status).toBe(200);
    // A forged token is a stranger.
    expect((await ask(`${reader.deviceToken.slice(0, -2)}AA`)).status).toBe(429);
  });
});
