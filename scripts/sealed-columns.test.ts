import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sectionFeedback } from "@/db/schema";
import { sealedColumnNamePattern, unregisteredSealedColumns } from "@/lib/sealing";
import { sealedColumns } from "./sealed-columns";

describe("the sealed-column registry", () => {
  it("covers every sealed column of db/schema, so rotation re-seals all of them", () => {
    expect(unregisteredSealedColumns(sealedColumns)).toEqual([]);
  });

  it("names each sealed column that a concern forgot to register", () => {
    for (const column of sealedColumns.filter((entry) => !entry.field)) {
      expect(unregisteredSealedColumns(sealedColumns.filter((entry) => entry !== column))).toEqual([column.name]);
    }
  });

  it("finds sealed columns by their name, and registers each once", () => {
    // The rule the schema follows (db/schema.ts): a column holding sealed values is named *_sealed or *_ciphertext.
    const feedbackColumns = Object.values(getTableColumns(sectionFeedback)).map((column) => column.name);
    expect(feedbackColumns.filter((name) => sealedColumnNamePattern.test(name)).sort()).toEqual(["comment_sealed", "target_levels_sealed"]);
    expect(new Set(sealedColumns.map((entry) => entry.name)).size).toBe(sealedColumns.length);
  });
});
