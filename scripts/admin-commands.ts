/**
 * The commands of `npm run admin` (./admin.ts): an operator's account management on the
 * embedded database or DATABASE_URL (docs/admin.md). Every command is audited with the
 * operator's name (`--operator`, else $USER). In embedded mode it refuses, with one line,
 * while `npm start` holds the data directory.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  accountAuditTrail,
  accountSessions,
  addSsoProvider,
  listSsoProviders,
  removeSsoProvider,
  deleteAccount,
  disableAccount,
  enableAccount,
  exportAccount,
  findAccount,
  operatorNamed,
  signOutEverywhere,
  type AccountSummary,
} from "@/lib/admin";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/http";
import { releaseInsightsNow } from "@/lib/insights";
import type { ScriptOptions } from "./run-script";

const usage = `usage: npm run admin -- <command> <email> [--operator <name>]
commands:
  find <email>                      the account: state, dates, live sessions
  sessions <email>                  its live sessions (device, address, last use)
  audit <email> [--limit N]         its audit trail, newest first (default 50)
  sign-out <email>                  end every session (cookies and tokens)
  disable <email> [--reason TEXT]   refuse every sign-in and end every session
  enable <email>                    allow sign-in again
  delete <email> --yes              erase the account (audit rows stay, anonymised)
  export <email> [--out FILE]       the reader's data as JSON (stdout, or FILE written 0600)
  insights release                  release the authors' insights now, off schedule (each release spends ε again: ADR-0029)
  sso add --issuer URL --client-id ID --client-secret SECRET --domain school.edu[,other.edu] [--provider-id ID]
                                    register a school's OpenID Connect provider for those email domains
  sso list                          the registered providers, their domains and redirect URIs
  sso remove <provider-id>          remove one (accounts linked through it are unlinked)`;

const seeHelp = " (npm run admin -- --help lists the commands)";
const commands = ["find", "sessions", "audit", "sign-out", "disable", "enable", "delete", "export", "insights", "sso"] as const;
const ssoActions = ["add", "list", "remove"] as const;
type Command = (typeof commands)[number];

class UsageError extends Error {
  override name = "UsageError";
}

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19) + " UTC";

function describe(account: AccountSummary): string {
  return [
    `${account.email}  (id ${account.userId})`,
    `  state:     ${account.disabled ? `DISABLED (${account.disabledReason ?? "no reason"})` : "active"}`,
    `  email:     ${account.emailVerified ? "verified" : "not verified"}`,
    `  created:   ${when(account.createdAt)}`,
    `  updated:   ${when(account.updatedAt)}`,
    `  sessions:  ${account.activeSessions} live`,
  ].join("\n");
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      operator: { type: "string" },
      reason: { type: "string" },
      limit: { type: "string" },
      out: { type: "string" },
      yes: { type: "boolean", default: false },
      issuer: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      domain: { type: "string" },
      "provider-id": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, email, ...extra] = positionals;
  if (values.help) return { help: true as const };
  if (!command || !commands.includes(command as Command)) throw new UsageError(`${command ? `unknown command "${command}"` : "no command"}${seeHelp}`);
  if (command === "insights") {
    if (email !== "release" || extra.length > 0) throw new UsageError(`insights takes one action: release${seeHelp}`);
  } else if (command === "sso") {
    if (!ssoActions.includes(email as (typeof ssoActions)[number])) throw new UsageError(`sso takes an action: add, list or remove${seeHelp}`);
    if (email === "remove" ? extra.length !== 1 : extra.length > 0) {
      throw new UsageError(email === "remove" ? `sso remove takes one provider id${seeHelp}` : `sso ${email} takes no other argument${seeHelp}`);
    }
    if (email === "add") {
      for (const option of ["issuer", "client-id", "client-secret", "domain"] as const) {
        if (!values[option]) throw new UsageError(`sso add needs --${option}${seeHelp}`);
      }
    }
  } else if (!email || extra.length > 0) throw new UsageError(`${command} takes one email${seeHelp}`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError("--limit must be a whole number from 1 to 1000");
  return {
    help: false as const,
    command: command as Command,
    // Set on every path that gets here: an email, or the insights or sso action.
    email: email ?? "",
    limit,
    operator: values.operator,
    reason: values.reason,
    out: values.out,
    yes: values.yes,
    sso: {
      target: extra[0],
      issuer: values.issuer ?? "",
      clientId: values["client-id"] ?? "",
      clientSecret: values["client-secret"] ?? "",
      domains: values.domain ?? "",
      providerId: values["provider-id"],
    },
  };
}

/** Where a command writes: the console when run as `npm run admin`, an array in the tests. */
export type AdminOutput = { out: (text: string) => void; err: (text: string) => void };

/** How `npm run admin` reports a failure (scripts/run-script). */
export const adminScriptOptions: ScriptOptions = { failure: "admin", prefix: "admin: ", explains: [UsageError, ApiError] };

/** One `npm run admin` command; throws what `adminScriptOptions` turns into its one line. */
export async function adminCommand(argv: string[], io: AdminOutput): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    // parseArgs' own errors (an unknown option) say what is wrong; the usage says what is right.
    throw error instanceof UsageError ? error : new UsageError(`${(error as Error).message.split(". ")[0]}${seeHelp}`);
  }
  if (args.help) {
    io.out(usage);
    return 0;
  }
  config();
  const operator = operatorNamed(args.operator ?? process.env.USER);
  const { command, email } = args;
  switch (command) {
    case "find":
      io.out(describe(await findAccount(email, operator)));
      return 0;
    case "sessions": {
      const sessions = await accountSessions(email, operator);
      if (sessions.length === 0) io.out(`${email}: no live sessions`);
      for (const session of sessions) {
        io.out(
          `${session.id}  last used ${when(session.updatedAt)}  from ${session.ipAddress ?? "?"}  ${session.userAgent ?? ""}  (expires ${when(session.expiresAt)})`,
        );
      }
      return 0;
    }
    case "audit":
      for (const entry of await accountAuditTrail(email, operator, args.limit)) {
        const details = Object.keys(entry.details).length ? `  ${JSON.stringify(entry.details)}` : "";
        io.out(`${when(entry.occurredAt)}  ${entry.event.padEnd(24)} ${entry.ipAddress ?? "-"}${details}`);
      }
      return 0;
    case "sign-out": {
      const { revoked } = await signOutEverywhere(email, operator);
      io.out(`${email}: ended ${revoked} session(s)`);
      return 0;
    }
    case "disable":
      io.out(`disabled; every session ended\n${describe(await disableAccount(email, operator, args.reason))}`);
      return 0;
    case "enable":
      io.out(`enabled\n${describe(await enableAccount(email, operator))}`);
      return 0;
    case "delete":
      if (!args.yes) throw new UsageError(`delete erases ${email} for good; add --yes to confirm (export it first if it is asked for)`);
      await deleteAccount(email, operator);
      io.out(`${email}: deleted (audit rows kept, anonymised)`);
      return 0;
    case "export": {
      const document = JSON.stringify(await exportAccount(email, operator), null, 2);
      if (args.out) {
        // Personal data: readable by the operator's user only.
        writeFileSync(args.out, `${document}\n`, { mode: 0o600 });
        io.err(`${email}: exported to ${args.out}`);
      } else {
        io.out(document);
      }
      return 0;
    }
    case "sso":
      return ssoCommand(email as (typeof ssoActions)[number], args.sso, operator, io);
    case "insights": {
      const release = await releaseInsightsNow();
      io.out(`insights released at ${release.released_at} (ε = ${release.epsilon}); the next scheduled release is due at ${release.next_release_at}`);
      return 0;
    }
  }
}

type SsoArgs = { target?: string; issuer: string; clientId: string; clientSecret: string; domains: string; providerId?: string };

async function ssoCommand(action: (typeof ssoActions)[number], args: SsoArgs, operator: ReturnType<typeof operatorNamed>, io: AdminOutput): Promise<number> {
  switch (action) {
    case "add": {
      const added = await addSsoProvider(args, operator);
      io.out(`registered provider "${added.providerId}" (${added.issuer}) for ${added.domains.join(", ")}`);
      io.out(`the school's IdP must allow this redirect URI for client ${args.clientId.trim()}: ${added.redirectUri}`);
      return 0;
    }
    case "list": {
      const providers = await listSsoProviders();
      if (providers.length === 0) io.out("no identity providers registered (sso add registers one)");
      for (const provider of providers) {
        io.out(
          `${provider.providerId}  ${provider.issuer}  domains ${provider.domains.join(",")}  ${provider.linkedAccounts} linked account(s)  redirect URI ${provider.redirectUri}  (added ${when(provider.createdAt)})`,
        );
      }
      return 0;
    }
    case "remove": {
      const { unlinkedAccounts } = await removeSsoProvider(args.target ?? "", operator);
      io.out(`removed provider "${args.target}"; ${unlinkedAccounts} account(s) unlinked (their readers sign in with a password reset or a passkey)`);
      return 0;
    }
  }
}
