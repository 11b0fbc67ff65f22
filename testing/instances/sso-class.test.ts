import { describe, expect, inject, it } from "vitest";
import { call, callJson, cookieHeaderOf, sampleBackground, uniqueIp } from "@/testing/accounts";
import { signInAtProvider } from "@/testing/oidc-provider";

/**
 * The class: a teacher shares the book and 40 students sign in with their school's account, at
 * once, from the school's one address, through two production instances behind one address (the start on
 * one, the provider's callback on the other, as a load balancer may spread them) and the real test OpenID
 * Provider (started and registered with `npm run admin -- sso add` by ./global-setup). 0 errors; each
 * student reaches the background step (/welcome) once: the first sign-in finds `profile_complete: false`,
 * the student answers, and the next sign-in finds it complete (the step passes them straight on).
 */
const a = inject("instanceA");
const b = inject("instanceB");
const school = inject("school");
const publicUrl = inject("deployment").publicUrl;
const classSize = 40;
const campus = uniqueIp();
const chapter = "http://localhost:3001/docs/chapter-1";
const welcome = `${publicUrl}/welcome?return_to=${encodeURIComponent(chapter)}`;

type Arrival = { status: number; location: string; cookie: string };

async function signIn(email: string, start: string, back: string): Promise<Arrival> {
  const started = await call(start, "/api/auth/sign-in/sso", {
    body: { email, callbackURL: `/welcome?return_to=${encodeURIComponent(chapter)}`, newUserCallbackURL: `/welcome?return_to=${encodeURIComponent(chapter)}` },
    ip: campus,
  });
  if (started.status !== 200) throw new Error(`sign-in/sso on ${start}: ${started.status} ${await started.text()}`);
  const { url } = (await started.json()) as { url: string };
  const callback = await signInAtProvider(school.issuer, url, email);
  // The callback names the public address; the "load balancer" sends it to the other instance.
  const answer = await fetch(new URL(`${callback.pathname}${callback.search}`, back), {
    redirect: "manual",
    headers: { cookie: cookieHeaderOf(started.headers), "x-forwarded-for": campus, "user-agent": "class-of-40" },
  });
  const cookie = answer.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.startsWith("lectern.session_token=") && pair !== "lectern.session_token=")
    .join("; ");
  return { status: answer.status, location: answer.headers.get("location") ?? "", cookie };
}

const students = Array.from({ length: classSize }, (_, index) => `student-${index + 1}-${Date.now()}@${school.domain}`);
const instanceFor = (index: number) => (index % 2 === 0 ? [a, b] : [b, a]) as [string, string];

describe("a class of 40 signs in through the school's provider", () => {
  it("all at once across two instances: 0 errors, each reaches the background step once", { timeout: 180_000 }, async () => {
    const first = await Promise.allSettled(students.map((email, index) => signIn(email, ...instanceFor(index))));
    const errors = first.flatMap((result, index) => (result.status === "rejected" ? [`${students[index]}: ${String(result.reason)}`] : []));
    expect(errors).toEqual([]);
    const arrivals = first.map((result) => (result as PromiseFulfilledResult<Arrival>).value);
    expect(arrivals.filter((arrival) => arrival.status !== 302 || arrival.location !== welcome || !arrival.cookie)).toEqual([]);

    const userIds = new Set<string>();
    for (const [index, arrival] of arrivals.entries()) {
      const [, other] = instanceFor(index);
      const profile = await callJson(other, "/api/v1/auth/profile", { cookie: arrival.cookie, ip: campus });
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ email: students[index], profile_complete: false, complete_profile_url: `${publicUrl}/welcome` });
      userIds.add(profile.body.user_id);
      const answered = await callJson(other, "/api/v1/auth/profile", {
        method: "PUT",
        body: { background: sampleBackground },
        cookie: arrival.cookie,
        ip: campus,
      });
      expect(answered.status).toBe(200);
    }
    expect(userIds.size).toBe(classSize);

    // Next lesson, the instances swapped: the same accounts, the step behind them.
    const second = await Promise.all(students.map((email, index) => signIn(email, ...(instanceFor(index).reverse() as [string, string]))));
    expect(second.filter((arrival) => arrival.status !== 302 || !arrival.cookie)).toEqual([]);
    for (const arrival of second) {
      const profile = await callJson(a, "/api/v1/auth/profile", { cookie: arrival.cookie, ip: campus });
      expect(profile.body).toMatchObject({ profile_complete: true });
      expect(userIds.has(profile.body.user_id)).toBe(true);
    }
  });
});
