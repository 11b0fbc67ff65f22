/**
 * Sealed data (ADR-0034): values kept encrypted at rest with AES-256-GCM under the keyring in
 * PROFILE_ENCRYPTION_KEY, each bound to its table, column and row. Concerns register the columns
 * they seal (`sealedColumn`); rotation walks the registrations.
 */
export { configuredSealingKeys, parseSealingKeys, type SealingKey } from "./keys";
export { envelopeKeyId, isSealedWith, openText, openTextOrNull, sealText, SealingError, type SealedPlace } from "./envelope";
export { columnName, sealedColumn, sealedPlace, type SealedColumn } from "./columns";
export { rotateSealedValues, sealedColumnNamePattern, sealLeftoverPlaintext, unregisteredSealedColumns } from "./rotation";
