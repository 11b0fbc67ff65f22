import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildConfig, ConfigError, parseEnvironment } from ".";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");

describe("configuration", () => {
  it("uses the documented defaults for an empty environment", () => {
    const env = parseEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_POOL_MAX).toBe(10);
    expect(env.BETTER_AUTH_URL).toBe("http://localhost:3000");
    expect(env.BOOK_ORIGINS).toEqual(["http://localhost:3001"]);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.QDRANT_URL).toBeUndefined();
  });

  it("reads AUTHOR_EMAILS as a lower-cased list, empty by default", () => {
    expect(parseEnvironment({}).AUTHOR_EMAILS).toEqual([]);
    expect(parseEnvironment({ AUTHOR_EMAILS: " Ada@Example.org ,grace@example.org," }).AUTHOR_EMAILS).toEqual(["ada@example.org", "grace@example.org"]);
  });

  it("derives BETTER_AUTH_URL's default from PORT, so links and trusted origins name the port served (issue 21, finding 9)", () => {
    expect(parseEnvironment({ PORT: "4123" }).BETTER_AUTH_URL).toBe("http://localhost:4123");
    expect(parseEnvironment({ PORT: "4123", BETTER_AUTH_URL: "https://accounts.example.org" }).BETTER_AUTH_URL).toBe("https://accounts.example.org");
  });

  it("describes the sample book by default, and BOOK_URL follows the first book origin (issue 26, point 8)", () => {
    const env = parseEnvironment({});
    expect(env.BOOK_NAME).toBe("Physical AI & Humanoid Robotics");
    expect(env.BOOK_URL).toBe("http://localhost:3001/");
    expect(env.BOOK_LOGO_URL).toBe("/book-logo.svg");
    expect(env.BOOK_PRIMARY_COLOR).toBe("#0b6e6e");
    expect(parseEnvironment({ BOOK_ORIGINS: "https://book.example.org" }).BOOK_URL).toBe("https://book.example.org/");
    expect(parseEnvironment({ BOOK_URL: "https://book.example.org/docs/" }).BOOK_URL).toBe("https://book.example.org/docs/");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnvironment({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it.each([
    [{ GITHUB_CLIENT_ID: "Iv1.abc" }, "GITHUB_CLIENT_SECRET: required when GITHUB_CLIENT_ID is set"],
    [{ GITHUB_CLIENT_SECRET: "s3cret" }, "GITHUB_CLIENT_ID: required when GITHUB_CLIENT_SECRET is set"],
    [{ GOOGLE_CLIENT_ID: "1234.apps.googleusercontent.com" }, "GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set"],
    [{ GOOGLE_CLIENT_SECRET: "s3cret" }, "GOOGLE_CLIENT_ID: required when GOOGLE_CLIENT_SECRET is set"],
    [{ SSO_PRIVATE_ISSUER_ORIGINS: "idp.internal" }, "SSO_PRIVATE_ISSUER_ORIGINS (entry 1): "],
  ])("refuses half a social provider's pair, or a bad private IdP origin, in one line naming the variable (%o)", (source, expected) => {
    let message = "";
    try {
      parseEnvironment(source);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`Invalid configuration: ${expected}`)).toBe(true);
    expect(message).not.toContain("\n");
    expect(message).not.toContain("s3cret");
  });

  it("takes a social provider's whole pair, and private IdP origins as bare origins", () => {
    const env = parseEnvironment({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "s3cret", SSO_PRIVATE_ISSUER_ORIGINS: "http://127.0.0.1:3002/" });
    expect([env.GITHUB_CLIENT_ID, env.GITHUB_CLIENT_SECRET, env.SSO_PRIVATE_ISSUER_ORIGINS]).toEqual(["Iv1.abc", "s3cret", ["http://127.0.0.1:3002"]]);
    expect(parseEnvironment({}).SSO_PRIVATE_ISSUER_ORIGINS).toEqual([]);
  });

  it("normalises book origins to bare origins", () => {
    const env = parseEnvironment({ BOOK_ORIGINS: " https://Book.Example.org/ , http://localhost:3001" });
    expect(env.BOOK_ORIGINS).toEqual(["https://book.example.org", "http://localhost:3001"]);
  });

  it.each([
    ["PORT", "eighty", "PORT"],
    ["DATABASE_POOL_MAX", "1", "DATABASE_POOL_MAX"],
    ["DATABASE_POOL_MAX", "ten", "DATABASE_POOL_MAX"],
    ["BOOK_ORIGINS", "not a url", "BOOK_ORIGINS \\(entry 1\\)"],
    ["PROFILE_ENCRYPTION_KEY", "k1:c2hvcnQ=", "PROFILE_ENCRYPTION_KEY \\(entry 1\\)"],
    ["DATABASE_URL", "mysql://x/y", "DATABASE_URL"],
    ["REDIS_URL", "http://localhost:6379", "REDIS_URL"],
    ["PROFILE_ENCRYPTION_KEY", "no-colon", "PROFILE_ENCRYPTION_KEY \\(entry 1\\)"],
    ["BETTER_AUTH_SECRET", "too-short", "BETTER_AUTH_SECRET"],
    ["AUTHOR_EMAILS", "author@example.org, not-an-email", "AUTHOR_EMAILS \\(entry 2\\)"],
    ["BOOK_URL", "book.example.org", "BOOK_URL"],
    ["BOOK_LOGO_URL", "https://cdn.example.org/logo.svg", "BOOK_LOGO_URL"],
    ["BOOK_PRIMARY_COLOR", "teal; background: url(x)", "BOOK_PRIMARY_COLOR"],
    ["BOOK_PRIMARY_COLOR_DARK", "#12345", "BOOK_PRIMARY_COLOR_DARK"],
  ])("rejects a bad %s with one line naming it", (name, value, expected) => {
    let message = "";
    try {
      parseEnvironment({ [name]: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${expected}: `));
    expect(message).not.toContain("\n");
  });

  it("never echoes a secret's value in the error", () => {
    expect(() => parseEnvironment({ BETTER_AUTH_SECRET: "hunter2" })).toThrow(/^((?!hunter2).)*$/);
  });

  it.each(["production", "development"])("requires the secrets with a shared database (%s)", (mode) => {
    expect(() => parseEnvironment({ NODE_ENV: mode, DATABASE_URL: "postgres://db/lectern" })).toThrow(/BETTER_AUTH_SECRET: required with DATABASE_URL/);
    expect(() => parseEnvironment({ NODE_ENV: mode, DATABASE_URL: "postgres://db/lectern", BETTER_AUTH_SECRET: "s".repeat(40) })).toThrow(
      /PROFILE_ENCRYPTION_KEY: required with DATABASE_URL/,
    );
  });

  it("accepts a key list for rotation, newest first", () => {
    const env = parseEnvironment({ PROFILE_ENCRYPTION_KEY: `k2:${key(2)},k1:${key(1)}` });
    expect(env.PROFILE_ENCRYPTION_KEY).toEqual([`k2:${key(2)}`, `k1:${key(1)}`]);
  });

  it("generates embedded secrets once and keeps them private in DATA_DIR", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "lectern-config-"));
    const first = buildConfig({ DATA_DIR: dataDir });
    const second = buildConfig({ DATA_DIR: dataDir });
    expect(first.BETTER_AUTH_SECRET).toHaveLength(43);
    expect(second.BETTER_AUTH_SECRET).toBe(first.BETTER_AUTH_SECRET);
    expect(second.PROFILE_ENCRYPTION_KEY).toEqual(first.PROFILE_ENCRYPTION_KEY);
    const file = path.join(dataDir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).profileEncryptionKey).toMatch(/^k1:/);
  });
});
