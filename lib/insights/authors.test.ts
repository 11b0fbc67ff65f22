import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { isAuthor, requireAuthor } from "./authors";

function withEnvironment(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetConfigForTests();
}

afterEach(() => {
  delete process.env.AUTHOR_EMAILS;
  delete process.env.REQUIRE_EMAIL_VERIFICATION;
  resetConfigForTests();
});

describe("authors", () => {
  it("are the accounts whose email AUTHOR_EMAILS lists, in any letter case", () => {
    withEnvironment({ AUTHOR_EMAILS: "ada@example.org" });
    expect(isAuthor({ email: "Ada@Example.org", emailVerified: true })).toBe(true);
    expect(isAuthor({ email: "grace@example.org", emailVerified: true })).toBe(false);
  });

  it("must have verified the email even with REQUIRE_EMAIL_VERIFICATION off (issue 21, finding 5)", () => {
    // Whoever signs up first with an author's address must not read the insights unverified.
    withEnvironment({ AUTHOR_EMAILS: "ada@example.org", REQUIRE_EMAIL_VERIFICATION: "false" });
    expect(isAuthor({ email: "ada@example.org", emailVerified: false })).toBe(false);
    expect(() => requireAuthor({ email: "ada@example.org", emailVerified: false })).toThrow(expect.objectContaining({ code: "FORBIDDEN", status: 403 }));
  });

  it("must have verified the email when REQUIRE_EMAIL_VERIFICATION is on", () => {
    withEnvironment({ AUTHOR_EMAILS: "ada@example.org", REQUIRE_EMAIL_VERIFICATION: "true" });
    expect(isAuthor({ email: "ada@example.org", emailVerified: false })).toBe(false);
    expect(isAuthor({ email: "ada@example.org", emailVerified: true })).toBe(true);
  });

  it("answers UNAUTHORIZED for a guest and FORBIDDEN for another reader", () => {
    withEnvironment({ AUTHOR_EMAILS: "ada@example.org" });
    expect(() => requireAuthor(null)).toThrow(expect.objectContaining({ code: "UNAUTHORIZED", status: 401 }));
    expect(() => requireAuthor({ email: "grace@example.org", emailVerified: true })).toThrow(expect.objectContaining({ code: "FORBIDDEN", status: 403 }));
    expect(() => requireAuthor({ email: "ada@example.org", emailVerified: true })).not.toThrow();
  });
});
