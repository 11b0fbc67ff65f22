import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { database } from "@/db";
import { sectionFeedback } from "@/db/schema";
import { accountExport } from "@/lib/admin";
import { signUpReader } from "@/lib/auth";
import { sealLeftoverPlaintext } from "@/lib/sealing";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { openFeedbackComment, readingSealedColumns, saveFeedback, sealedFeedbackComment, sealedFeedbackLevels } from "./index";

const levels = { software: "intermediate", programming: "beginner", hardware: "beginner" };
const url = "/docs/motors/motor-control-internals#how-a-motor-controller-regulates-current";
const newReader = () => signUpReader({ email: uniqueEmail(), password: "feedback password", background: sampleBackground }, serverRequest());
const storedRow = async (userId: string) => (await (await database()).select().from(sectionFeedback).where(eq(sectionFeedback.userId, userId)))[0]!;

describe("feedback comments", () => {
  it("are stored sealed and bound to the reader and section, and answered as written", async () => {
    const reader = await newReader();
    const saved = await saveFeedback(reader.userId, levels, { url, helpful: false, reason: "unclear", comment: "what is PWM?" });
    expect(saved).toMatchObject({ url, helpful: false, reason: "unclear", comment: "what is PWM?" });
    const row = await storedRow(reader.userId);
    expect(row.commentPlaintext).toBeNull();
    expect(row.commentSealed).not.toContain("PWM");
    expect(sealedFeedbackComment.open(row.commentSealed!, [reader.userId, url])).toBe("what is PWM?");
    expect(() => sealedFeedbackComment.open(row.commentSealed!, [reader.userId, "/docs/other"])).toThrow(/does not open/);
    expect(JSON.parse(sealedFeedbackLevels.open(row.targetLevelsSealed!, [reader.userId, url]))).toEqual(levels);

    const replaced = await saveFeedback(reader.userId, levels, { url, helpful: true });
    expect(replaced.comment).toBeNull();
    expect((await storedRow(reader.userId)).commentSealed).toBeNull();
  });

  it("written before they were sealed stay readable, and the start-up step seals them", async () => {
    const reader = await newReader();
    const db = await database();
    // As migration 0008 leaves a comment written before it: plaintext in "comment", nothing sealed.
    await db.insert(sectionFeedback).values({ userId: reader.userId, url, helpful: false, reason: "too_hard", commentPlaintext: "written in plaintext" });
    expect(openFeedbackComment(await storedRow(reader.userId))).toBe("written in plaintext");
    expect((await accountExport(reader.userId))!.section_feedback).toEqual([expect.objectContaining({ comment: "written in plaintext" })]);

    const sealed = await sealLeftoverPlaintext(readingSealedColumns);
    expect(sealed["section_feedback.comment_sealed"]).toBeGreaterThanOrEqual(1);
    const row = await storedRow(reader.userId);
    expect(row.commentPlaintext).toBeNull();
    expect(row.commentSealed).not.toContain("plaintext");
    expect(openFeedbackComment(row)).toBe("written in plaintext");
    expect((await accountExport(reader.userId))!.section_feedback).toEqual([expect.objectContaining({ comment: "written in plaintext" })]);
    expect((await sealLeftoverPlaintext(readingSealedColumns))["section_feedback.comment_sealed"]).toBe(0);
  });

  it("replacing an answer whose comment is still plaintext leaves no plaintext behind", async () => {
    const reader = await newReader();
    const db = await database();
    await db.insert(sectionFeedback).values({ userId: reader.userId, url, helpful: false, reason: "other", commentPlaintext: "old words" });
    await saveFeedback(reader.userId, levels, { url, helpful: false, reason: "other", comment: "new words" });
    const row = await storedRow(reader.userId);
    expect(row.commentPlaintext).toBeNull();
    expect(openFeedbackComment(row)).toBe("new words");
  });
});
