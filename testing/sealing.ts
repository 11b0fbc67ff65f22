import { createCipheriv, randomBytes } from "node:crypto";

/**
 * A value as Lectern sealed it before the v2 format (ADR-0034): `keyId:iv:tag:ciphertext`, with
 * only the key id as associated data. Databases written then still hold such values.
 */
export function sealedBeforeV2(plaintext: string, keyEntry: string): string {
  const [id, base64] = keyEntry.split(":") as [string, string];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64, "base64"), iv);
  cipher.setAAD(Buffer.from(id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [id, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}
