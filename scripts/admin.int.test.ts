import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase } from "@/db";
import { signUpReader } from "@/lib/auth";
import { adminCommand, adminScriptOptions } from "./admin-commands";
import { sampleBackground, serverRequest, uniqueEmail } from "@/testing/accounts";
import { runCommandInProcess, runScriptProcess } from "@/testing/script-runs";

/**
 * `npm run admin`. The commands run in this process on the file's own database (what they do
 * and print); two runs are separate processes as an operator starts them (`tsx scripts/admin.ts`
 * on the embedded database in a data directory, or with TEST_DATABASE_URL on that server through
 * DATABASE_URL): one line on stderr and exit code 1 for a refusal.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const dataDir = mkdtempSync(path.join(tmpdir(), "lectern-admin-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const admin = (...args: string[]) => runCommandInProcess(adminCommand, adminScriptOptions, args);

/** The command as a separate process on the data directory (or the server), with no $USER. */
function adminProcess(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, USER: "" };
  if (serverUrl) env.DATABASE_URL = serverUrl;
  else delete env.DATABASE_URL;
  return runScriptProcess("admin.ts", args, env);
}

/** The data directory the separate process opens, migrated (on the server, the file's database already is). */
async function migrateDataDir(): Promise<void> {
  if (serverUrl) return;
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
}

const email = uniqueEmail("cli");
beforeAll(async () => {
  await signUpReader({ email, password: "admin cli password", background: sampleBackground }, serverRequest());
  await migrateDataDir();
});

describe("npm run admin", () => {
  it("disables, shows and exports an account, naming the operator in its audit trail", async () => {
    const disabled = await admin("disable", email.toUpperCase(), "--operator", "grace", "--reason", "abuse report 17");
    expect(disabled.stderr).toBe("");
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/state:\s+DISABLED \(abuse report 17\)/);

    const out = path.join(dataDir, "export.json");
    const exported = await admin("export", email, "--operator", "grace", "--out", out);
    expect(exported.code).toBe(0);
    expect(statSync(out).mode & 0o077).toBe(0);
    const document = JSON.parse(readFileSync(out, "utf8"));
    expect(document.account).toMatchObject({ email, disabled: true, disabled_reason: "abuse report 17" });

    const trail = await admin("audit", email, "--operator", "grace");
    expect(trail.stdout).toMatch(/account_disabled .*"operator":"grace"/);
    expect(trail.stdout).toMatch(/account_exported .*"operator":"grace"/);
  });

  it("answers an unknown email, a missing operator and a delete without --yes with one line and exit 1", async () => {
    const unknown = await admin("find", "nobody-here@example.org", "--operator", "grace");
    expect([unknown.code, unknown.stderr]).toEqual([1, "admin: No account with the email nobody-here@example.org.\n"]);
    const user = process.env.USER;
    process.env.USER = "";
    const anonymous = await admin("find", email).finally(() => (process.env.USER = user));
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/^admin: Say who you are: --operator <name>.*\n$/);
    const unconfirmed = await admin("delete", email, "--operator", "grace");
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr.trim().split("\n")).toHaveLength(1);
    expect(unconfirmed.stderr).toContain("--yes");
  });

  it("releases the authors' insights off schedule, one stored release a run, and refuses any other insights action in one line", async () => {
    const first = await admin("insights", "release", "--operator", "grace");
    expect(first.stderr).toBe("");
    expect(first.stdout).toMatch(/^insights released at \S+Z \(ε = 1\); the next scheduled release is due at \S+Z\n$/);
    const second = await admin("insights", "release", "--operator", "grace");
    expect(second.stdout.match(/at (\S+Z)/)?.[1]).not.toBe(first.stdout.match(/at (\S+Z)/)?.[1]);
    const unknown = await admin("insights", "now", "--operator", "grace");
    expect([unknown.code, unknown.stderr]).toEqual([1, "admin: insights takes one action: release (npm run admin -- --help lists the commands)\n"]);
  });

  it("as a separate process: a refusal is one line on stderr and exit code 1", async () => {
    const unknown = await adminProcess("find", "nobody-here@example.org", "--operator", "grace");
    expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([1, "", "admin: No account with the email nobody-here@example.org.\n"]);
  }, 60_000);

  it.skipIf(Boolean(serverUrl))(
    "refuses with one line while another process holds the embedded data directory",
    async () => {
      // This test process is alive: the lock reads as held by a running server.
      writeFileSync(path.join(dataDir, "pglite.lock"), `${process.pid}\n`);
      try {
        const refused = await adminProcess("find", email, "--operator", "grace");
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(new RegExp(`^admin: The embedded database in .* is in use by process ${process.pid} .*\\n$`));
      } finally {
        rmSync(path.join(dataDir, "pglite.lock"), { force: true });
      }
    },
    60_000,
  );
});
if (serverUrl) console.log("npm run admin suite: on the Postgres server; the data-directory lock test runs on PGlite only");
