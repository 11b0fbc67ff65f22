import { auditEvent, readerProfile } from "@/db/schema";
import { sealedColumn } from "@/lib/sealing";

/** The reader's background, one sealed JSON envelope per profile; key_id follows the key that sealed it. */
export const sealedBackground = sealedColumn({ column: readerProfile.backgroundCiphertext, key: [readerProfile.userId], keyIdColumn: readerProfile.keyId });

/** The old and new levels a profile-change audit row keeps (`details.levels`), bound to the row's id. */
export const sealedChangeLevels = sealedColumn({ column: auditEvent.details, field: "levels", key: [auditEvent.id] });

/** What this concern seals, for rotation (scripts/sealed-columns.ts). */
export const profileSealedColumns = [sealedBackground, sealedChangeLevels];
