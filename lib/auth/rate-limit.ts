import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { config } from "@/lib/config";
import { presentedSession } from "@/lib/http";
import {
  checkLimit,
  deviceTokenLifetimeSeconds,
  issueDeviceToken,
  normalizedEmail,
  rateLimitRules,
  refundLimit,
  sessionKey,
  subjectOf,
  type LimitEntry,
  type Subject,
} from "@/lib/rate-limit";
import { BoundedMap } from "@/lib/singleton";

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
 * Which budgets a request meets is lib/rate-limit's `checkLimit(entry, subject)`, as on every other
 * path; the after-hook refunds failure budgets and leaves the device token of a password sign-in
 * (ADR-0033).
 */

/** Better Auth endpoints whose paths only read (no session change, no mail, no password). */
const readPaths = new Set(["/get-session", "/list-sessions", "/token", "/jwks", "/list-accounts", "/account-info", "/ok"]);
const passwordCheckPaths = new Set(["/verify-password", "/change-password", "/delete-user"]);
const mailPaths = new Set(["/request-password-reset", "/forget-password", "/send-verification-email"]);
/** Paths that start a session with a password: they leave a device token (OWASP's device cookie). */
const passwordSignInPaths = new Set(["/sign-in/email", "/sign-up/email"]);
/** A passkey sign-in counts failures only, like a password sign-in; it leaves no device token (ADR-0039). */
const passkeySignInPath = "/passkey/verify-authentication";

/** The passkey plugin's ceremonies: a sign-in's challenge and answer by address, adding one by user. */
const passkeyPaths: Record<string, { entry: LimitEntry; what: string }> = {
  "/passkey/generate-authenticate-options": { entry: "passkeyChallenge", what: "passkey sign-in attempts" },
  "/passkey/verify-authentication": { entry: "passkeySignIn", what: "failed passkey sign-ins" },
  "/passkey/generate-register-options": { entry: "passkeyRegistration", what: "passkeys added" },
  "/passkey/verify-registration": { entry: "passkeyRegistration", what: "passkeys added" },
};

/** School (SSO) and social sign-ins: starting one and the provider's callback, each by address (ADR-0040). */
const providerSignInPaths: Record<string, { entry: LimitEntry; what: string }> = {
  "/sign-in/sso": { entry: "providerSignIn", what: "sign-ins started" },
  "/sign-in/social": { entry: "providerSignIn", what: "sign-ins started" },
  "/sso/callback/:providerId": { entry: "providerCallback", what: "sign-in callbacks" },
  "/callback/:id": { entry: "providerCallback", what: "sign-in callbacks" },
};

/** Paths whose address budget is Better Auth's limiter (HTTP) plus an explicit call elsewhere. */
const limiterPaths: Record<string, LimitEntry> = { "/sign-up/email": "signUp" };

function refusal(retryAfterSeconds: number, what: string): APIError {
  return new APIError(
    "TOO_MANY_REQUESTS",
    { message: `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, code: "RATE_LIMITED" },
    { "X-Retry-After": String(retryAfterSeconds) },
  );
}

async function enforce(entry: LimitEntry, subject: Subject, what: string): Promise<void> {
  const decision = await checkLimit(entry, subject);
  if (!decision.allowed) throw refusal(decision.retryAfterSeconds, what);
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

function emailIn(ctx: HookContext): string | null {
  const email = (ctx.body as Record<string, unknown> | undefined)?.email;
  return typeof email === "string" && email.trim() ? normalizedEmail(email) : null;
}

/** Whose session a token is, remembered (a token never changes hands) so a read costs no second lookup. */
const userOfSessionKey = new BoundedMap<string, string>({ maxEntries: 20_000 });

function rememberUser(token: string, userId: string): void {
  userOfSessionKey.set(sessionKey(token), userId);
}

/** The request's subject with the user behind its session, so reads and writes also count per user. */
async function sessionSubject(ctx: HookContext): Promise<Subject> {
  const subject = subjectOf(ctx.headers);
  const presented = presentedSession(ctx.headers);
  if (!presented || !subject.session) return subject;
  let user = userOfSessionKey.get(subject.session);
  if (!user) {
    user = (await ctx.context.internalAdapter.findSession(presented.token))?.user.id;
    if (user) rememberUser(presented.token, user);
  }
  return { ...subject, user: user ?? null };
}

function passwordCheckSubject(ctx: HookContext, email: string | undefined): Subject {
  return subjectOf(ctx.headers, { email });
}

// delete-user without a password never gets here: the guard hook refuses it first.
const isPasswordCheck = (ctx: HookContext) => passwordCheckPaths.has(ctx.path);

const limitBefore = createAuthMiddleware(async (ctx) => {
  const path = ctx.path;
  if (path === "/sign-in/email") {
    const email = emailIn(ctx);
    if (email) await enforce("signIn", subjectOf(ctx.headers, { email }), "sign-in attempts");
    return;
  }
  if (isPasswordCheck(ctx)) {
    const session = await getSessionFromCtx(ctx);
    await enforce("passwordCheck", passwordCheckSubject(ctx, session?.user.email), "password attempts");
    return;
  }
  if (mailPaths.has(path)) {
    // Authors verify their address even with verification off: insights need it (issue 21, finding 5).
    const forAuthor = config().AUTHOR_EMAILS.includes(emailIn(ctx) ?? "");
    if (path === "/send-verification-email" && !config().REQUIRE_EMAIL_VERIFICATION && !forAuthor) {
      throw new APIError("NOT_FOUND", { message: "Email verification is off on this server.", code: "NOT_FOUND" });
    }
    await enforce("mail", subjectOf(ctx.headers, { email: emailIn(ctx) }), "mails asked for");
    return;
  }
  const providerSignIn = providerSignInPaths[path];
  if (providerSignIn) {
    await enforce(providerSignIn.entry, subjectOf(ctx.headers), providerSignIn.what);
    return;
  }
  const passkeyCeremony = passkeyPaths[path];
  if (passkeyCeremony) {
    await enforce(passkeyCeremony.entry, await sessionSubject(ctx), passkeyCeremony.what);
    return;
  }
  if (limiterPaths[path]) return;
  await enforce(readPaths.has(path) ? "read" : "write", await sessionSubject(ctx), "requests");
});

/** A wrong password or unknown email; anything else (success, unverified email) is not a failure. */
const failed = (returned: unknown) => isAPIError(returned) && (returned.statusCode === 400 || returned.statusCode === 401);

/** OWASP's device cookie: a device that just proved the password is known for this email from now on. */
function issueDeviceCookie(ctx: HookContext): void {
  const created = ctx.context.newSession;
  if (!created) return;
  rememberUser(created.session.token, created.user.id);
  const cookie = ctx.context.createAuthCookie("device", { maxAge: deviceTokenLifetimeSeconds });
  ctx.setCookie(cookie.name, issueDeviceToken(created.user.email), cookie.attributes);
}

const afterSignInOrPasswordCheck = createAuthMiddleware(async (ctx) => {
  if (failed(ctx.context.returned)) return;
  if (passwordSignInPaths.has(ctx.path)) issueDeviceCookie(ctx);
  const email = emailIn(ctx);
  if (ctx.path === passkeySignInPath) await refundLimit("passkeySignIn", subjectOf(ctx.headers));
  else if (ctx.path === "/sign-in/email" && email) await refundLimit("signIn", subjectOf(ctx.headers, { email }));
  else if (isPasswordCheck(ctx)) await refundLimit("passwordCheck", passwordCheckSubject(ctx, ctx.context.session?.user.email));
});

/** The hooks, as a plugin so they stay apart from Lectern's guard and audit hooks. */
export function rateLimitPlugin(): BetterAuthPlugin {
  return {
    id: "lectern-rate-limit",
    hooks: {
      before: [{ matcher: () => true, handler: limitBefore }],
      after: [
        {
          matcher: (ctx) => passwordSignInPaths.has(ctx.path ?? "") || passwordCheckPaths.has(ctx.path ?? "") || ctx.path === passkeySignInPath,
          handler: afterSignInOrPasswordCheck,
        },
      ],
    },
  };
}

/** Better Auth's `rateLimit` option: its limiter for sign-up's HTTP endpoint, on Lectern's store. */
export function betterAuthRateLimit() {
  const customRules: Record<string, { window: number; max: number } | false> = {};
  // The limiter's window and max for its paths; the decision is Lectern's, on the entry's budgets.
  customRules["/sign-up/email"] = { window: rateLimitRules.signUpPerAddress.windowSeconds, max: rateLimitRules.signUpPerAddress.max };
  customRules["*"] = false;
  return {
    // On in every mode, not only production.
    enabled: true,
    customRules,
    customStorage: {
      // Better Auth's key is "<address>|<path>", the address normalised by its `normalizeIP` as
      // lib/http's clientAddress normalises it, so the contract and the page count the same key.
      consume: async (key: string) => {
        const separator = key.lastIndexOf("|");
        const entry = limiterPaths[key.slice(separator + 1)];
        if (!entry) return { allowed: true, retryAfter: null };
        const decision = await checkLimit(entry, { address: key.slice(0, separator), session: null });
        return { allowed: decision.allowed, retryAfter: decision.allowed ? null : decision.retryAfterSeconds };
      },
    },
  };
}
