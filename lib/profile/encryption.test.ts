import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptText, encryptText, envelopeKeyId, parseEncryptionKeys } from "./encryption";

const oldKey = `k1:${randomBytes(32).toString("base64")}`;
const newKey = `k2:${randomBytes(32).toString("base64")}`;

describe("profile encryption", () => {
  it("round-trips and never shows the plaintext in the envelope", () => {
    const keys = parseEncryptionKeys([oldKey]);
    const envelope = encryptText('{"hardware_knowledge":"advanced"}', keys);
    expect(envelope).not.toContain("advanced");
    expect(envelope.split(":")).toHaveLength(4);
    expect(decryptText(envelope, keys)).toBe('{"hardware_knowledge":"advanced"}');
  });

  it("uses a fresh IV for every value", () => {
    const keys = parseEncryptionKeys([oldKey]);
    expect(encryptText("same", keys)).not.toBe(encryptText("same", keys));
  });

  it("rejects a tampered ciphertext or a relabelled key id", () => {
    const keys = parseEncryptionKeys([newKey, oldKey]);
    const envelope = encryptText("secret level", keys);
    const [id, iv, tag, ciphertext] = envelope.split(":") as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, "base64");
    flipped[0]! ^= 1;
    expect(() => decryptText([id, iv, tag, flipped.toString("base64")].join(":"), keys)).toThrow();
    expect(() => decryptText(["k1", iv, tag, ciphertext].join(":"), keys)).toThrow();
  });

  it("encrypts with the newest key and still decrypts values sealed with an older one", () => {
    const sealedWithOld = encryptText("beginner", parseEncryptionKeys([oldKey]));
    const rotated = parseEncryptionKeys([newKey, oldKey]);
    expect(decryptText(sealedWithOld, rotated)).toBe("beginner");
    expect(envelopeKeyId(encryptText("beginner", rotated))).toBe("k2");
  });

  it("names a missing key instead of failing obscurely", () => {
    const envelope = encryptText("x", parseEncryptionKeys([oldKey]));
    expect(() => decryptText(envelope, parseEncryptionKeys([newKey]))).toThrow('key "k1" is not configured');
  });
});
