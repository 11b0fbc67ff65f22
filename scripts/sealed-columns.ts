import { personalizationSealedColumns } from "@/lib/personalization";
import { profileSealedColumns } from "@/lib/profile";
import { readingSealedColumns } from "@/lib/reading";
import type { SealedColumn } from "@/lib/sealing";

/**
 * The registry: every column a concern seals. Key rotation and the start-up plaintext step walk
 * it; `lib/sealing`'s rotation refuses to run when db/schema has a sealed column missing here,
 * and scripts/sealed-columns.test.ts fails for one (ADR-0034).
 */
export const sealedColumns: SealedColumn[] = [...profileSealedColumns, ...personalizationSealedColumns, ...readingSealedColumns];
