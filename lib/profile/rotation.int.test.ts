import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { database } from "@/db";
import { personalizationEvent, readerProfile } from "@/db/schema";
import { flushPersonalizationEvents, recordPersonalizationEvent } from "@/lib/personalization";
import { resetConfigForTests } from "@/lib/config";
import { signUpReader } from "@/lib/auth";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { decryptText, readBackground, rotateProfileKeys, updateBackground } from "./index";

const originalKeys = process.env.PROFILE_ENCRYPTION_KEY!;
afterAll(() => {
  process.env.PROFILE_ENCRYPTION_KEY = originalKeys;
  resetConfigForTests();
});

// Rotation re-encrypts every row in the database: on the Postgres server this file gets a
// database of its own, so other suites' rows are never re-sealed under a key they do not hold.
isolateBookDatabase();

describe("profile key rotation", () => {
  it("re-encrypts every profile with the newest key, keeps the data, and is idempotent", async () => {
    const reader = await signUpReader({ email: uniqueEmail(), password: "rotation password", background: sampleBackground }, serverRequest());
    await updateBackground(reader.userId, { hardware_knowledge: "advanced" }, { ip: null, userAgent: null });
    const levels = { software: "beginner", programming: "beginner", hardware: "advanced" } as const;
    recordPersonalizationEvent({
      userId: reader.userId,
      query: "motors",
      chapter: null,
      targetLevels: levels,
      engine: "postgres",
      resultCount: 1,
      latencyMs: 1,
    });
    await flushPersonalizationEvents(); // written, so sealed under the old key
    const newKeyId = `r${Date.now().toString(36)}`;
    process.env.PROFILE_ENCRYPTION_KEY = `${newKeyId}:${randomBytes(32).toString("base64")},${originalKeys}`;
    resetConfigForTests();

    const first = await rotateProfileKeys();
    expect(first.keyId).toBe(newKeyId);
    expect(first.profiles).toBeGreaterThanOrEqual(1);
    expect(first.auditEvents).toBeGreaterThanOrEqual(1);
    expect(first.personalizationEvents).toBeGreaterThanOrEqual(1);
    const db = await database();
    const [row] = await db.select().from(readerProfile).where(eq(readerProfile.userId, reader.userId));
    expect(row!.keyId).toBe(newKeyId);
    expect(row!.backgroundCiphertext!.startsWith(`${newKeyId}:`)).toBe(true);
    expect(await readBackground(reader.userId)).toEqual({ ...sampleBackground, hardware_knowledge: "advanced" });

    const second = await rotateProfileKeys();
    expect([second.profiles, second.auditEvents, second.personalizationEvents]).toEqual([0, 0, 0]);

    // With only the new key left, the data is still readable.
    process.env.PROFILE_ENCRYPTION_KEY = process.env.PROFILE_ENCRYPTION_KEY.split(",")[0]!;
    resetConfigForTests();
    expect(await readBackground(reader.userId)).toEqual({ ...sampleBackground, hardware_knowledge: "advanced" });
    const [event] = await db.select().from(personalizationEvent).where(eq(personalizationEvent.userId, reader.userId));
    expect(JSON.parse(decryptText(event!.targetLevelsSealed!))).toEqual(levels);
  });
});
