import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { logger } from "@/lib/http";
import { configuredSealingKeys, type SealingKey } from "./keys";

/**
 * Where a sealed value lives: `name` is `table.column` (`table.column.field` for a field of a
 * jsonb column) and `row` the row's primary key. A v2 value is bound to its place as AES-GCM
 * associated data, so a value copied to another row or column does not open (ADR-0034).
 */
export type SealedPlace = { name: string; row: readonly (string | number)[] };

/** A sealed value that does not open here: no such key, tampered, malformed, or sealed for another place. */
export class SealingError extends Error {
  override name = "SealingError";
}

/**
 * The current format: `v2:keyId:iv:tag:ciphertext` (base64 parts; key ids are letters, digits,
 * `-` and `_`, base64 has no `:`). Values sealed before it are `keyId:iv:tag:ciphertext`, bound
 * to their key id only: they still open, and `npm run profile:rotate-key` rewrites them as v2.
 */
const version = "v2";

type Parsed = { bound: boolean; keyId: string; iv: string; tag: string; ciphertext: string };

function parse(envelope: string): Parsed {
  const parts = envelope.split(":");
  if (parts.length === 5 && parts[0] === version) {
    const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    if (keyId && iv && tag) return { bound: true, keyId, iv, tag, ciphertext };
  }
  if (parts.length === 4) {
    const [keyId, iv, tag, ciphertext] = parts as [string, string, string, string];
    if (keyId && iv && tag) return { bound: false, keyId, iv, tag, ciphertext };
  }
  throw new SealingError("malformed sealed value");
}

/** The key id and the place are both authenticated: relabelling either makes the value fail to open. */
function associatedData(keyId: string, place: SealedPlace): Buffer {
  return Buffer.from(JSON.stringify(["lectern-sealed", version, keyId, place.name, place.row.map(String)]), "utf8");
}

function newestKey(keys: SealingKey[]): SealingKey {
  const newest = keys[0];
  if (!newest) throw new SealingError("no sealing key configured (PROFILE_ENCRYPTION_KEY)");
  return newest;
}

/** AES-256-GCM under the newest key, a random 96-bit IV per value, bound to `place`. */
export function sealText(plaintext: string, place: SealedPlace, keys: SealingKey[] = configuredSealingKeys()): string {
  const newest = newestKey(keys);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", newest.key, iv);
  cipher.setAAD(associatedData(newest.id, place));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [version, newest.id, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

/** Opens a value sealed for `place` (or an unbound value from before v2) with whichever listed key sealed it. */
export function openText(envelope: string, place: SealedPlace, keys: SealingKey[] = configuredSealingKeys()): string {
  const parsed = parse(envelope);
  const match = keys.find((candidate) => candidate.id === parsed.keyId);
  if (!match) throw new SealingError(`sealing key "${parsed.keyId}" is not configured (PROFILE_ENCRYPTION_KEY)`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", match.key, Buffer.from(parsed.iv, "base64"));
    decipher.setAAD(parsed.bound ? associatedData(parsed.keyId, place) : Buffer.from(parsed.keyId));
    decipher.setAuthTag(Buffer.from(parsed.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(parsed.ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    // GCM says only "unable to authenticate": tampered, or sealed for another row, column or key.
    throw new SealingError(`a value in ${place.name} does not open: altered, or sealed for another row or column`);
  }
}

/**
 * Like openText, but a value that does not open here counts as absent (logged, without the value): one lost
 * value must never keep a reader from deleting the account, or from answering again over it.
 */
export function openTextOrNull(envelope: string, place: SealedPlace, keys?: SealingKey[]): string | null {
  try {
    return openText(envelope, place, keys);
  } catch (error) {
    if (!(error instanceof SealingError)) throw error;
    logger().warn({ sealedColumn: place.name, reason: error.message }, "a sealed value does not open; treated as absent");
    return null;
  }
}

/** The id of the key a value was sealed with. */
export function envelopeKeyId(envelope: string): string {
  return parse(envelope).keyId;
}

/** True when a value is in the current format under `keyId`: rotation leaves it as it is. */
export function isSealedWith(envelope: string, keyId: string): boolean {
  const parsed = parse(envelope);
  return parsed.bound && parsed.keyId === keyId;
}
