/**
 * The oldest Qdrant the adapter works with: `rrf.k` and server-side `qdrant/bm25` inference
 * without an inference service both arrived in 1.16 (on 1.15.x every text query fails).
 */
export const minimumQdrantVersion = "1.16.0";

/** Refuses to start (or search) against a server older than the minimum: one line, both versions. */
export class UnsupportedQdrantError extends Error {
  override name = "UnsupportedQdrantError";
}

const numbersOf = (version: string) => /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim())?.slice(1).map(Number) ?? null;

/** Why a server of this version cannot be used (one line), or null when it can. */
export function unsupportedQdrantVersion(version: string): string | null {
  const actual = numbersOf(version);
  const minimum = numbersOf(minimumQdrantVersion)!;
  const why = `Lectern needs Qdrant ${minimumQdrantVersion} or newer (QDRANT_URL)`;
  if (!actual) return `Qdrant at QDRANT_URL reports version "${version}", which is not a version number; ${why}`;
  for (let part = 0; part < 3; part++) {
    if (actual[part]! > minimum[part]!) return null;
    if (actual[part]! < minimum[part]!) return `Qdrant ${version} is not supported: ${why}`;
  }
  return null;
}
