import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { database } from "@/db";
import { user } from "@/db/schema";
import { readProfile, updateBackground, writeBackground } from "./index";

/**
 * Profiles are kept in memory on the embedded database (db's `keptRows`): every write of this
 * process must show on the next read, on either database, and nobody may change what is kept.
 */
const beginner = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
const context = { ip: null, userAgent: null };

async function newReader(): Promise<string> {
  const id = randomUUID();
  await (await database()).insert(user).values({ id, name: "", email: `${id}@example.org` });
  await writeBackground(id, beginner);
  return id;
}

describe("a reader's profile, read again and again", () => {
  it("shows every write on the next read", async () => {
    const reader = await newReader();
    expect((await readProfile(reader)).background).toEqual(beginner);
    const updated = await updateBackground(reader, { hardware_knowledge: "advanced" }, context);
    const next = await readProfile(reader);
    expect(next.background).toEqual({ ...beginner, hardware_knowledge: "advanced" });
    expect(next.updatedAt).toEqual(updated.updatedAt);
    await writeBackground(reader, beginner);
    expect((await readProfile(reader)).background).toEqual(beginner);
  });

  it("hands out a copy the caller cannot change what is kept through", async () => {
    const reader = await newReader();
    const first = await readProfile(reader);
    first.background!.software_experience = "expert";
    expect((await readProfile(reader)).background).toEqual(beginner);
  });
});
