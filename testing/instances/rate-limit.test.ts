import { describe, expect, inject, it } from "vitest";
import { callJson, uniqueEmail, uniqueIp, type Answer } from "@/testing/accounts";
import { signUp } from "./client";

const a = inject("instanceA");
const b = inject("instanceB");

/**
 * Wrong-password sign-ins for a fresh reader from one fresh address, sent round-robin to
 * `targets`, until the first 429: how many were answered 401 first. Whichever rule of the
 * table bites first (per email, per email and address, per address), it bites the same.
 */
async function failuresBeforeRefusal(targets: string[]): Promise<{ allowed: number; refusal: Answer; servedBy: Set<string> }> {
  const email = uniqueEmail("limit");
  await signUp(a, email);
  const ip = uniqueIp();
  const servedBy = new Set<string>();
  for (let attempt = 0; attempt < 200; attempt++) {
    const target = targets[attempt % targets.length]!;
    const answer = await callJson(target, "/api/v1/auth/signin", { method: "POST", ip, body: { email, password: "not the password" } });
    if (answer.status === 429) return { allowed: attempt, refusal: answer, servedBy };
    expect(answer.status, JSON.stringify(answer.body)).toBe(401);
    servedBy.add(target);
  }
  throw new Error("no 429 within 200 failed sign-ins");
}

describe("the sign-in limit counts across instances", () => {
  it("attempts split over two instances meet 429 at the same count as on one", async () => {
    const one = await failuresBeforeRefusal([a]);
    const two = await failuresBeforeRefusal([a, b]);
    expect(one.allowed).toBeGreaterThan(1);
    expect(two.servedBy).toEqual(new Set([a, b]));
    // Per-process counters would let twice as many through.
    expect(two.allowed).toBe(one.allowed);
    expect(two.refusal.body.error.code).toBe("RATE_LIMITED");
    expect(Number(two.refusal.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("once refused on one instance, the other refuses too", async () => {
    const { allowed } = await failuresBeforeRefusal([b]);
    expect(allowed).toBeGreaterThan(0);
    const email = uniqueEmail("limit-other");
    await signUp(b, email);
    const ip = uniqueIp();
    for (let attempt = 0; attempt < allowed; attempt++) {
      expect((await callJson(b, "/api/v1/auth/signin", { method: "POST", ip, body: { email, password: "not the password" } })).status).toBe(401);
    }
    expect((await callJson(a, "/api/v1/auth/signin", { method: "POST", ip, body: { email, password: "not the password" } })).status).toBe(429);
  });
});
