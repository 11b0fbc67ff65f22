import { describe, expect, inject, it } from "vitest";
import { callJson, uniqueEmail } from "@/testing/accounts";
import { signUp } from "./client";

const a = inject("instanceA");
const b = inject("instanceB");

describe("reading progress is one record on every instance", () => {
  it("progress written on one instance is read on the other", async () => {
    const { token } = await signUp(a, uniqueEmail("progress"));
    const at = new Date().toISOString();
    const written = await callJson(a, "/api/v1/progress", {
      method: "PUT",
      token,
      body: { sections: [{ url: "/docs/sensing/sensors-and-motors-basics", state: "read", at }] },
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);

    const read = await callJson(b, "/api/v1/progress", { method: "GET", token });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.sections).toEqual([expect.objectContaining({ url: "/docs/sensing/sensors-and-motors-basics", state: "read" })]);

    // And back: a later change on B is what A reads.
    const later = new Date(Date.parse(at) + 1000).toISOString();
    expect(
      (
        await callJson(b, "/api/v1/progress", {
          method: "PUT",
          token,
          body: { sections: [{ url: "/docs/sensing/sensors-and-motors-basics", state: "unread", at: later }] },
        })
      ).status,
    ).toBe(200);
    const again = await callJson(a, "/api/v1/progress", { method: "GET", token });
    expect(again.body.sections).toEqual([expect.objectContaining({ url: "/docs/sensing/sensors-and-motors-basics", state: "unread" })]);
  });

  it("a section marked read on one instance shapes the very next personalization on the other", async () => {
    const { token } = await signUp(a, uniqueEmail("progress-personalize"));
    // The ranking as the book shows it: each result's url and read mark (a read section is ranked lower, maybe out of the list).
    const ranking = async (instance: string) => {
      const answer = await callJson(instance, "/api/v1/personalize?limit=50", { method: "GET", token });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body.results as Array<{ url: string; read: boolean }>).map((result) => `${result.url} ${result.read}`);
    };
    const before = await ranking(b);
    const url = before[0]!.split(" ")[0]!;
    const at = new Date().toISOString();
    expect((await callJson(a, "/api/v1/progress", { method: "PUT", token, body: { sections: [{ url, state: "read", at }] } })).status).toBe(200);
    const afterOnB = await ranking(b);
    expect(afterOnB).not.toEqual(before);
    expect(afterOnB).toEqual(await ranking(a));
    const later = new Date(Date.parse(at) + 1000).toISOString();
    expect((await callJson(a, "/api/v1/progress", { method: "PUT", token, body: { sections: [{ url, state: "unread", at: later }] } })).status).toBe(200);
    expect(await ranking(b)).toEqual(before);
  });
});
