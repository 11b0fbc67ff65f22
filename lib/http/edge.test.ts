import { describe, expect, it } from "vitest";
import { ApiError, refuseHostileJson, refuseHostileUrl } from ".";
import { isValueRefusedByDatabase } from "./edge";

function refusal(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("refuseHostileJson", () => {
  it("accepts ordinary text, unicode and typed line breaks", () => {
    expect(() => refuseHostileJson({ name: "Zoë 李 🤖", comment: "line one\nline two\ttabbed", list: [1, true, null] })).not.toThrow();
  });

  it("refuses a NUL anywhere, naming the field", () => {
    expect(refusal(() => refuseHostileJson({ background: { level: ["ok", "a\u0000b"] } })).details).toEqual({
      field: "background.level[1]",
      reason: "control character",
    });
  });

  it("refuses escape, DEL and C1 controls but not printable text", () => {
    for (const text of ["\u001b[31m", "a\u007fb", "a\u0085b"]) {
      expect(refusal(() => refuseHostileJson({ name: text })).code).toBe("INVALID_INPUT");
    }
  });

  it("refuses prototype keys at any depth", () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"admin":true}}}');
    expect(refusal(() => refuseHostileJson(parsed)).details).toEqual({ field: "a.__proto__", reason: "reserved field name" });
  });

  it("walks a body nested far deeper than a recursive walk could", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}"\\u0000"${"]".repeat(50_000)}`);
    expect(refusal(() => refuseHostileJson(deep)).code).toBe("INVALID_INPUT");
  });
});

describe("refuseHostileUrl", () => {
  it("refuses an encoded control character in the path or a query value", () => {
    expect(refusal(() => refuseHostileUrl(new URL("http://l.test/api/auth/reset-password/a%00b"))).details?.field).toBe("path");
    expect(refusal(() => refuseHostileUrl(new URL("http://l.test/api/v1/personalize?q=a%0Ab"))).details?.field).toBe("q");
  });

  it("passes an ordinary URL", () => {
    expect(() => refuseHostileUrl(new URL("http://l.test/api/v1/personalize?q=motor%20control&limit=5"))).not.toThrow();
  });
});

describe("isValueRefusedByDatabase", () => {
  it("sees Postgres refusing a value through wrapped causes, and nothing else", () => {
    const notNull = Object.assign(new Error('null value in column "name" violates not-null constraint'), { code: "23502" });
    expect(isValueRefusedByDatabase(new Error("Failed query", { cause: notNull }))).toBe(true);
    expect(isValueRefusedByDatabase(Object.assign(new Error("invalid byte sequence"), { code: "22021" }))).toBe(true);
    expect(isValueRefusedByDatabase(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isValueRefusedByDatabase(new TypeError("bug"))).toBe(false);
  });
});
