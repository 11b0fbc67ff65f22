import { config } from "@/lib/config";

/** One key of the keyring: the id written into every value it seals, and 32 bytes of AES-256 key. */
export type SealingKey = { id: string; key: Buffer };

/** `keyId:base64key` entries, newest first (PROFILE_ENCRYPTION_KEY, validated by lib/config). */
export function parseSealingKeys(entries: string[]): SealingKey[] {
  return entries.map((entry) => {
    const [id, base64] = entry.split(":") as [string, string];
    return { id, key: Buffer.from(base64, "base64") };
  });
}

/** The configured keyring: the first key seals, every listed key opens. */
export function configuredSealingKeys(): SealingKey[] {
  return parseSealingKeys(config().PROFILE_ENCRYPTION_KEY);
}
