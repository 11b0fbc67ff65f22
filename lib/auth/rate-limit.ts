import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { config } from "@/lib/config";
import { addressOf, consumeRule, normalizedEmail, rateLimitRules, refundRule, sessionOf, type RateLimitRuleName } from "@/lib/rate-limit";

/**
 * Better Auth's side of the rules table (lib/rate-limit, ADR-0016). Its own limiter runs only for
 * HTTP requests to /api/auth and keys by address and path; `auth.api.*` (the contract, the pages)
 * skips it. So:
 * - rules that need the body or the session, or must count once on every path, live in a plugin
 *   hook, which runs for HTTP and `auth.api.*` alike: sign-in, password checks, mail, reads and
 *   writes by a session, guest reads, everything else by address;
 * - sign-up by address is Better Auth's limiter (`customRules`) for its HTTP endpoint, on the same
 *   counter the contract and the page consume in `signUpReader`, where the address is counted
 *   before the "email exists" answer;
 * - every other path is `false` in `customRules`: the hook has counted it already.
 */

type Subject = [RateLimitRuleName, string];

/** Better Auth endpoints whose paths only read (no session change, no mail, no password). */
const readPaths = new Set(["/get-session", "/list-sessions", "/token", "/jwks", "/list-accounts", "/account-info", "/ok"]);
const passwordCheckPaths = new Set(["/verify-password", "/change-password", "/delete-user"]);
const mailPaths = new Set(["/request-password-reset", "/forget-password", "/send-verification-email"]);

/** Paths whose address budget is Better Auth's limiter (HTTP) plus an explicit call elsewhere. */
const limiterPaths: Record<string, RateLimitRuleName> = { "/sign-up/email": "signUpPerAddress" };

function refusal(retryAfterSeconds: number, what: string): APIError {
  return new APIError(
    "TOO_MANY_REQUESTS",
    { message: `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, code: "RATE_LIMITED" },
    { "X-Retry-After": String(retryAfterSeconds) },
  );
}

/** Consumes each budget in turn; the first one spent refuses the request. */
async function consumeAll(subjects: Subject[], what: string): Promise<void> {
  for (const [rule, subject] of subjects) {
    const decision = await consumeRule(rule, subject);
    if (!decision.allowed) throw refusal(decision.retryAfterSeconds, what);
  }
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function emailIn(ctx: HookContext): string | null {
  const email = (ctx.body as Record<string, unknown> | undefined)?.email;
  return typeof email === "string" && email.trim() ? normalizedEmail(email) : null;
}

function signInSubjects(ctx: HookContext): Subject[] | null {
  const email = emailIn(ctx);
  if (!email) return null;
  const address = addressOf(ctx.headers);
  return [
    ["signInPerEmailAndAddress", `${email}|${address}`],
    ["signInPerEmail", email],
    ["signInPerAddress", address],
  ];
}

function passwordCheckSubjects(ctx: HookContext, email: string | undefined): Subject[] {
  const subjects: Subject[] = [];
  const session = sessionOf(ctx.headers);
  if (session) subjects.push(["passwordCheckPerSession", session]);
  if (email) subjects.push(["passwordCheckPerEmail", normalizedEmail(email)]);
  return subjects;
}

// delete-user without a password never gets here: the guard hook refuses it first.
const isPasswordCheck = (ctx: HookContext) => passwordCheckPaths.has(ctx.path);

const limitBefore = createAuthMiddleware(async (ctx) => {
  const path = ctx.path;
  if (path === "/sign-in/email") {
    const subjects = signInSubjects(ctx);
    if (subjects) await consumeAll(subjects, "sign-in attempts");
    return;
  }
  if (isPasswordCheck(ctx)) {
    const session = await getSessionFromCtx(ctx);
    await consumeAll(passwordCheckSubjects(ctx, session?.user.email), "password attempts");
    return;
  }
  if (mailPaths.has(path)) {
    // Authors verify their address even with verification off: insights need it (issue 21, finding 5).
    const forAuthor = config().AUTHOR_EMAILS.includes(emailIn(ctx) ?? "");
    if (path === "/send-verification-email" && !config().REQUIRE_EMAIL_VERIFICATION && !forAuthor) {
      throw new APIError("NOT_FOUND", { message: "Email verification is off on this server.", code: "NOT_FOUND" });
    }
    const email = emailIn(ctx);
    const subjects: Subject[] = [["mailPerAddress", addressOf(ctx.headers)]];
    if (email) subjects.unshift(["mailPerEmail", email]);
    await consumeAll(subjects, "mails asked for");
    return;
  }
  if (limiterPaths[path]) return;
  const session = sessionOf(ctx.headers);
  if (session) {
    await consumeAll([[readPaths.has(path) ? "readsPerSession" : "writesPerSession", session]], "requests");
  } else {
    await consumeAll([[readPaths.has(path) ? "guestReadsPerAddress" : "otherAuthPerAddress", addressOf(ctx.headers)]], "requests");
  }
});

/** A wrong password or unknown email; anything else (success, unverified email) is not a failure. */
const failed = (returned: unknown) => isAPIError(returned) && (returned.statusCode === 400 || returned.statusCode === 401);

const refundAfter = createAuthMiddleware(async (ctx) => {
  if (failed(ctx.context.returned)) return;
  let subjects: Subject[] | null = null;
  if (ctx.path === "/sign-in/email") subjects = signInSubjects(ctx);
  else if (isPasswordCheck(ctx)) subjects = passwordCheckSubjects(ctx, ctx.context.session?.user.email);
  for (const [rule, subject] of subjects ?? []) await refundRule(rule, subject);
});

/** The hooks, as a plugin so they stay apart from Lectern's guard and audit hooks. */
export function rateLimitPlugin(): BetterAuthPlugin {
  return {
    id: "lectern-rate-limit",
    hooks: {
      before: [{ matcher: () => true, handler: limitBefore }],
      after: [{ matcher: (ctx) => ctx.path === "/sign-in/email" || passwordCheckPaths.has(ctx.path ?? ""), handler: refundAfter }],
    },
  };
}

/** Better Auth's `rateLimit` option: its limiter for sign-up's HTTP endpoint, on Lectern's store. */
export function betterAuthRateLimit() {
  const customRules: Record<string, { window: number; max: number } | false> = {};
  for (const [path, rule] of Object.entries(limiterPaths)) {
    customRules[path] = { window: rateLimitRules[rule].windowSeconds, max: rateLimitRules[rule].max };
  }
  customRules["*"] = false;
  return {
    // On in every mode, not only production.
    enabled: true,
    customRules,
    customStorage: {
      // Better Auth's key is "<address>|<path>"; the rule and its counter are Lectern's.
      consume: async (key: string) => {
        const separator = key.lastIndexOf("|");
        const rule = limiterPaths[key.slice(separator + 1)];
        if (!rule) return { allowed: true, retryAfter: null };
        const decision = await consumeRule(rule, key.slice(0, separator));
        return { allowed: decision.allowed, retryAfter: decision.allowed ? null : decision.retryAfterSeconds };
      },
    },
  };
}
