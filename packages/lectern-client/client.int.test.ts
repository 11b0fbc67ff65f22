import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { consumeRule, rateLimitRules } from "@/lib/rate-limit";
import { createLecternClient, memoryTokenStorage } from "./index";

/**
 * The browser client in bearer mode (the cross-site layout, docs/deployment.md) against Lectern's
 * real route handlers over HTTP: the contract's sign-up, Better Auth's session and sign-out,
 * personalization.
 * Cookie mode needs a browser's cookie jar; e2e/book.spec.ts covers it in Chromium.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A busy test machine (builds and browsers beside this suite) can take longer than a browser's 5 s budget. */
const timeoutMs = 20_000;
const background = { software_experience: "beginner", programming_background: "basic", hardware_knowledge: "advanced" } as const;

describe("Lectern client in bearer mode, against Lectern", () => {
  it("signs up, is recognised and ranked by its kept token, and after sign-out that token opens nothing", async () => {
    const tokens = memoryTokenStorage();
    const client = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: tokens, timeoutMs });
    const email = `${crypto.randomUUID()}@example.org`;

    const signedUp = await client.signUp({ email, password: "a long enough passphrase", background });
    expect(signedUp).toMatchObject({ email, background });
    const token = tokens.get();
    expect(token).toBeTruthy();

    expect((await client.session())?.reader.email).toBe(email);
    const forReader = await client.personalize({ q: "motor" });
    expect(forReader.personalized).toBe(true);
    expect(forReader.profile?.background).toEqual(background);
    expect(forReader.signup_prompt).toBeUndefined();

    await client.signOut();
    expect(tokens.get()).toBeNull();
    const stale = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(token), timeoutMs });
    expect(await stale.session()).toBeNull();
  });

  it("gives a client without a token the guest answer, with the sign-up prompt", async () => {
    const guest = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(), timeoutMs });
    const answer = await guest.personalize({ q: "motor" });
    expect(answer.personalized).toBe(false);
    expect(answer.profile).toBeNull();
    expect(answer.signup_prompt).toBeTruthy();
  });

  it("reports a taken email as EMAIL_EXISTS from the contract's envelope", async () => {
    const client = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(), timeoutMs });
    const email = `${crypto.randomUUID()}@example.org`;
    await client.signUp({ email, password: "a long enough passphrase", background });
    await expect(client.signUp({ email, password: "a long enough passphrase", background })).rejects.toMatchObject({
      code: "EMAIL_EXISTS",
      status: 409,
    });
  });

  it("keeps the device token of its sign-up and presents it: its reader signs in past a spread attack's ceiling, a new client meets it", async () => {
    const devices = memoryTokenStorage();
    const client = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(), deviceStorage: devices, timeoutMs });
    const email = `${crypto.randomUUID()}@example.org`;
    const password = "a long enough passphrase";
    await client.signUp({ email, password, background });
    expect(devices.get()).toMatch(/^d1\./);
    // The ceiling a spread attack fills (lib/rate-limit/device.int.test.ts drives the attack itself over HTTP).
    for (let guess = 0; guess < rateLimitRules.signInPerEmail.max; guess += 1) await consumeRule("signInPerEmail", email);
    await expect(client.signIn({ email, password })).resolves.toMatchObject({ email });
    const newDevice = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(), timeoutMs });
    await expect(newDevice.signIn({ email, password })).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429 });
  });
});
