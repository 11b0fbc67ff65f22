import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealedBeforeV2 } from "@/testing/sealing";
import { envelopeKeyId, isSealedWith, openText, parseSealingKeys, sealText, SealingError, type SealedPlace } from "./index";

const oldKey = `k1:${randomBytes(32).toString("base64")}`;
const newKey = `k2:${randomBytes(32).toString("base64")}`;
const place: SealedPlace = { name: "section_feedback.comment_sealed", row: ["user-1", "/docs/a"] };

describe("sealing", () => {
  it("round-trips in the v2 format and never shows the plaintext", () => {
    const keys = parseSealingKeys([oldKey]);
    const envelope = sealText('{"hardware_knowledge":"advanced"}', place, keys);
    expect(envelope).not.toContain("advanced");
    expect(envelope.split(":")).toHaveLength(5);
    expect(envelope.startsWith("v2:k1:")).toBe(true);
    expect(openText(envelope, place, keys)).toBe('{"hardware_knowledge":"advanced"}');
  });

  it("uses a fresh IV for every value", () => {
    const keys = parseSealingKeys([oldKey]);
    expect(sealText("same", place, keys)).not.toBe(sealText("same", place, keys));
  });

  it("binds a value to its column and row: copied elsewhere it does not open", () => {
    const keys = parseSealingKeys([oldKey]);
    const envelope = sealText("lost me at PWM", place, keys);
    const otherRow = { ...place, row: ["user-2", "/docs/a"] };
    const otherSection = { ...place, row: ["user-1", "/docs/b"] };
    const otherColumn = { ...place, name: "section_feedback.target_levels_sealed" };
    // Row values are bound as text with their boundaries: ["user-1", "/docs/a"] is not ["user-1/docs", "a"].
    const shifted = { ...place, row: ["user-1/docs", "a"] };
    for (const elsewhere of [otherRow, otherSection, otherColumn, shifted]) {
      expect(() => openText(envelope, elsewhere, keys)).toThrow(SealingError);
      expect(() => openText(envelope, elsewhere, keys)).toThrow(/does not open/);
    }
  });

  it("rejects a tampered ciphertext or a relabelled key id", () => {
    const keys = parseSealingKeys([newKey, oldKey]);
    const envelope = sealText("secret level", place, keys);
    const [version, id, iv, tag, ciphertext] = envelope.split(":") as [string, string, string, string, string];
    const flipped = Buffer.from(ciphertext, "base64");
    flipped[0]! ^= 1;
    expect(id).toBe("k2");
    expect(() => openText([version, id, iv, tag, flipped.toString("base64")].join(":"), place, keys)).toThrow(SealingError);
    expect(() => openText([version, "k1", iv, tag, ciphertext].join(":"), place, keys)).toThrow(SealingError);
    // Dropping the version makes it an old-format value: its associated data differs, so it fails too.
    expect(() => openText([id, iv, tag, ciphertext].join(":"), place, keys)).toThrow(SealingError);
  });

  it("still opens values sealed by the code before v2 (no place bound), anywhere, and reports them as not current", () => {
    const old = sealedBeforeV2('{"software":"beginner"}', oldKey);
    const keys = parseSealingKeys([newKey, oldKey]);
    expect(openText(old, place, keys)).toBe('{"software":"beginner"}');
    expect(envelopeKeyId(old)).toBe("k1");
    expect(isSealedWith(old, "k1")).toBe(false);
    expect(isSealedWith(sealText("x", place, keys), "k2")).toBe(true);
  });

  it("tells an old-format value from a v2 one even under a key named v2", () => {
    const v2Key = `v2:${randomBytes(32).toString("base64")}`;
    const old = sealedBeforeV2("named v2", v2Key);
    const keys = parseSealingKeys([v2Key]);
    expect(openText(old, place, keys)).toBe("named v2");
    expect(openText(sealText("named v2", place, keys), place, keys)).toBe("named v2");
  });

  it("seals with the newest key and still opens values sealed with an older one", () => {
    const sealedWithOld = sealText("beginner", place, parseSealingKeys([oldKey]));
    const rotated = parseSealingKeys([newKey, oldKey]);
    expect(openText(sealedWithOld, place, rotated)).toBe("beginner");
    expect(envelopeKeyId(sealText("beginner", place, rotated))).toBe("k2");
  });

  it("names a missing key and a malformed value instead of failing obscurely", () => {
    const envelope = sealText("x", place, parseSealingKeys([oldKey]));
    expect(() => openText(envelope, place, parseSealingKeys([newKey]))).toThrow('sealing key "k1" is not configured (PROFILE_ENCRYPTION_KEY)');
    expect(() => openText("plain text", place, parseSealingKeys([newKey]))).toThrow("malformed sealed value");
  });
});
