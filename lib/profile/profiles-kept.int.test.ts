import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { database } from "@/db";
import { user } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { encryptText, readProfile, updateBackground, writeBackground } from "./index";

/**
 * On the embedded database this process is the only writer, so profiles are kept in memory
 * (lib/profile/store.ts); every write here must show on the next read, and with DATABASE_URL
 * (other instances write too) nothing may be kept. A write "from elsewhere" is simulated by
 * changing the row in SQL, which no deployment that keeps profiles can do while serving.
 */
const beginner = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;
const expert = { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" } as const;
const context = { ip: null, userAgent: null };

async function newReader(): Promise<string> {
  const id = randomUUID();
  await (await database()).insert(user).values({ id, name: "", email: `${id}@example.org` });
  await writeBackground(id, beginner);
  return id;
}

async function writeElsewhere(userId: string, background: object): Promise<void> {
  await (await database()).execute(sql`update reader_profile set background_ciphertext = ${encryptText(JSON.stringify(background))} where user_id = ${userId}`);
}

const savedDatabaseUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
  resetConfigForTests();
});

describe("profiles kept in memory", () => {
  it.skipIf(savedDatabaseUrl)("on the embedded database, reads a profile once and shows every write of this process on the next read", async () => {
    const reader = await newReader();
    expect((await readProfile(reader)).background).toEqual(beginner);
    await writeElsewhere(reader, expert);
    expect((await readProfile(reader)).background).toEqual(beginner); // kept: not read again
    const updated = await updateBackground(reader, { hardware_knowledge: "advanced" }, context);
    const next = await readProfile(reader);
    expect(next.background).toEqual({ ...expert, hardware_knowledge: "advanced" });
    expect(next.updatedAt).toEqual(updated.updatedAt);
    await writeBackground(reader, beginner);
    expect((await readProfile(reader)).background).toEqual(beginner);
  });

  it("keeps a copy the caller cannot change", async () => {
    const reader = await newReader();
    const first = await readProfile(reader);
    first.background!.software_experience = "expert";
    expect((await readProfile(reader)).background).toEqual(beginner);
  });

  it("keeps nothing when DATABASE_URL is set: another instance's write shows at once", async () => {
    process.env.DATABASE_URL ??= "postgres://127.0.0.1:5432/not-opened-by-this-test";
    resetConfigForTests();
    const reader = await newReader();
    expect((await readProfile(reader)).background).toEqual(beginner);
    await writeElsewhere(reader, expert);
    expect((await readProfile(reader)).background).toEqual(expert);
  });
});
