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
});
