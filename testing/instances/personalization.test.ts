import { describe, expect, inject, it } from "vitest";
import { callJson, uniqueEmail } from "@/testing/accounts";
import { beginner, expert, signUp } from "./client";

const a = inject("instanceA");
const b = inject("instanceB");

describe("a profile is one profile on every instance", () => {
  it("an update on one instance shapes the very next personalization on the other", async () => {
    const { token } = await signUp(a, uniqueEmail("profile"), beginner);
    const before = await callJson(b, "/api/v1/personalize?limit=10", { method: "GET", token });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ personalized: true, profile: { background: beginner } });

    const updated = await callJson(a, "/api/v1/auth/profile", { method: "PUT", token, body: { background: expert } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);

    const after = await callJson(b, "/api/v1/personalize?limit=10", { method: "GET", token });
    expect(after.status).toBe(200);
    expect(after.body.profile).toEqual({ background: expert });
    // The ranking follows the new answers, not only the echo of them.
    const reasons = (answer: typeof after) => answer.body.results.flatMap((result: { reasons: string[] }) => result.reasons).join(" | ");
    expect(reasons(after)).not.toEqual(reasons(before));
    expect(reasons(before)).toMatch(/"(Beginner|None)"/);
    expect(reasons(after)).not.toMatch(/matches your "(Beginner|None)"/);
  });

  it("the profile read on the other instance is the updated one", async () => {
    const { token } = await signUp(b, uniqueEmail("profile-read"), beginner);
    expect((await callJson(b, "/api/v1/auth/profile", { method: "PUT", token, body: { background: { hardware_knowledge: "advanced" } } })).status).toBe(200);
    const read = await callJson(a, "/api/v1/auth/profile", { method: "GET", token });
    expect(read.body.background).toEqual({ ...beginner, hardware_knowledge: "advanced" });
  });
});
