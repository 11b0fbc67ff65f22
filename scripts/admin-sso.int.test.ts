import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { ssoAddArguments, startOidcProvider, type TestOidcProvider } from "@/testing/oidc-provider";
import { runCommandInProcess } from "@/testing/script-runs";
import { adminCommand, adminScriptOptions } from "./admin-commands";

/** `npm run admin -- sso …` against a real OpenID Provider on loopback (its discovery document is fetched). */
const admin = (...args: string[]) => runCommandInProcess(adminCommand, adminScriptOptions, [...args, "--operator", "grace"]);

let idp: TestOidcProvider;
beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: ["http://localhost:3000/api/auth/sso/callback/riverside"] });
  process.env.SSO_PRIVATE_ISSUER_ORIGINS = idp.issuer;
  resetConfigForTests();
});
afterAll(async () => {
  await idp?.close();
});

describe("npm run admin -- sso", () => {
  it("adds, lists and removes a school's provider, saying which redirect URI the school's IdP must allow", async () => {
    const added = await admin(...ssoAddArguments(idp, "Riverside.test,riverside-staff.test", "riverside"));
    expect([added.code, added.stderr]).toEqual([0, ""]);
    expect(added.stdout).toContain(`registered provider "riverside" (${idp.issuer}) for riverside.test, riverside-staff.test`);
    expect(added.stdout).toContain("http://localhost:3000/api/auth/sso/callback/riverside");

    const listed = await admin("sso", "list");
    // One line a provider; on a shared Postgres server other files' providers are listed too.
    expect(listed.stdout).toMatch(/^riverside {2}http:\/\/127\.0\.0\.1:\d+ {2}domains riverside\.test,riverside-staff\.test {2}0 linked account\(s\)/m);
    expect(listed.stdout).not.toContain(idp.clientSecret);

    const removed = await admin("sso", "remove", "riverside");
    expect([removed.code, removed.stdout]).toEqual([
      0,
      `removed provider "riverside"; 0 account(s) unlinked (their readers sign in with a password reset or a passkey)\n`,
    ]);
    const after = (await admin("sso", "list")).stdout;
    expect(after).not.toMatch(/^riverside /m);
    if (!process.env.TEST_DATABASE_URL) expect(after).toBe("no identity providers registered (sso add registers one)\n");
  });

  it("answers a bad use with one line and exit 1", async () => {
    const cases: [string[], RegExp][] = [
      [["sso"], /^admin: sso takes an action: add, list or remove/],
      [["sso", "add", "--issuer", idp.issuer], /^admin: sso add needs --client-id/],
      [["sso", "remove"], /^admin: sso remove takes one provider id/],
      [["sso", "remove", "nobody"], /^admin: No provider "nobody"/],
      [["sso", "add", "--issuer", "not a url", "--client-id", "a", "--client-secret", "b", "--domain", "x.test"], /^admin: --issuer must be/],
      [["sso", "add", "--issuer", "http://10.0.0.8", "--client-id", "a", "--client-secret", "b", "--domain", "x.test"], /SSO_PRIVATE_ISSUER_ORIGINS/],
      [["sso", "add", "--issuer", idp.issuer, "--client-id", "a", "--client-secret", "b", "--domain", "not a domain"], /is not an email domain/],
      [["sso", "add", "--issuer", idp.issuer, "--client-id", "a", "--client-secret", "b", "--domain", "x.test", "--provider-id", "github"], /reserved/],
    ];
    for (const [args, message] of cases) {
      const run = await admin(...args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });

  it("refuses an issuer whose discovery fails, in one line", async () => {
    const run = await admin("sso", "add", "--issuer", `${idp.issuer}/nowhere`, "--client-id", "a", "--client-secret", "b", "--domain", "y.test");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^admin: OIDC discovery at .* failed: /);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
