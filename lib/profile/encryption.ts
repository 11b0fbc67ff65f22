import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "@/lib/config";

/**
 * Envelope encryption for profile data at rest: AES-256-GCM with a random 96-bit IV per value,
 * stored as `keyId:iv:tag:ciphertext` (base64 parts). The key id names the key that sealed the
 * value, so keys can rotate: the newest key (first in PROFILE_ENCRYPTION_KEY) encrypts, any
 * configured key decrypts.
 */
export type EncryptionKey = { id: string; key: Buffer };

export function parseEncryptionKeys(entries: string[]): EncryptionKey[] {
  return entries.map((entry) => {
    const [id, base64] = entry.split(":") as [string, string];
    return { id, key: Buffer.from(base64, "base64") };
  });
}

export function configuredEncryptionKeys(): EncryptionKey[] {
  return parseEncryptionKeys(config().PROFILE_ENCRYPTION_KEY);
}

/** The key id an envelope was sealed with (the rotation command re-seals the others). */
export function envelopeKeyId(envelope: string): string {
  return envelope.split(":")[0] ?? "";
}

export function encryptText(plaintext: string, keys: EncryptionKey[] = configuredEncryptionKeys()): string {
  const newest = keys[0];
  if (!newest) throw new Error("no profile encryption key configured");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", newest.key, iv);
  // The key id is authenticated too, so an envelope cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(newest.id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [newest.id, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptText(envelope: string, keys: EncryptionKey[] = configuredEncryptionKeys()): string {
  const [keyId, iv, tag, ciphertext] = envelope.split(":");
  if (!keyId || !iv || !tag || ciphertext === undefined) throw new Error("malformed encrypted value");
  const match = keys.find((candidate) => candidate.id === keyId);
  if (!match) throw new Error(`profile encryption key "${keyId}" is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", match.key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}
