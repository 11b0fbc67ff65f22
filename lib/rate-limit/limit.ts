import { rateLimitedError } from "@/lib/http";
import { knownDeviceId, presentedDeviceToken } from "./device-token";
import { addressOf, normalizedEmail, sessionOf } from "./keys";
import { consumeRules, refundRule } from "./counters";
import type { RateLimitRuleName } from "./rules";
import type { RateLimitDecision } from "./store";

/**
 * Who a request is, as far as limits care. `address` and `session` come from the request
 * (`subjectOf`); the rest is added by whoever knows it: the email a sign-in or mail is for, the
 * user behind a session once it is read.
 */
export type Subject = {
  address: string;
  /** `sessionKey` of the presented session token (never the token itself). */
  session: string | null;
  user?: string | null;
  /** Normalised. */
  email?: string | null;
  /** The id of a valid device token for `email` (./device-token), if one was presented. */
  device?: string | null;
};

/** The subject of a request's headers; with an email, a device token it presents is checked against it. */
export function subjectOf(source: Request | Headers | null | undefined, known: { user?: string | null; email?: string | null } = {}): Subject {
  const headers = source instanceof Request ? source.headers : source;
  const email = known.email ? normalizedEmail(known.email) : null;
  return {
    address: addressOf(headers),
    session: sessionOf(headers),
    user: known.user ?? null,
    email,
    device: email ? knownDeviceId(presentedDeviceToken(headers), email) : null,
  };
}

/**
 * What each entry point counts against, in order (DESIGN "Rate limits"; rules.ts has the budgets).
 * The one place that knows which rules a kind of request meets.
 */
const entries = {
  signIn: (s) => [
    ["signInPerEmailAndAddress", `${s.email}|${s.address}`],
    s.device ? ["signInPerDevice", s.device] : ["signInPerEmail", s.email],
    ["signInPerAddress", s.address],
  ],
  passwordCheck: (s) => [s.session && ["passwordCheckPerSession", s.session], s.email && ["passwordCheckPerEmail", s.email]],
  signUp: (s) => [["signUpPerAddress", s.address]],
  mail: (s) => [s.email && (s.device ? ["mailPerEmailFromDevice", `${s.email}|${s.device}`] : ["mailPerEmail", s.email]), ["mailPerAddress", s.address]],
  read: (s) => (s.session ? [["readsPerSession", s.session], s.user && ["readsPerUser", s.user]] : [["guestReadsPerAddress", s.address]]),
  write: (s) => (s.session ? [["writesPerSession", s.session], s.user && ["writesPerUser", s.user]] : [["otherAuthPerAddress", s.address]]),
  export: (s) => [s.user && ["exportsPerUser", s.user]],
  otherAuth: (s) => [["otherAuthPerAddress", s.address]],
  passkeyChallenge: (s) => [["passkeyChallengesPerAddress", s.address]],
  passkeySignIn: (s) => [["passkeySignInPerAddress", s.address]],
  passkeyRegistration: (s) => [s.user && ["passkeyRegistrationsPerUser", s.user]],
  providerSignIn: (s) => [["providerSignInStartsPerAddress", s.address]],
  providerCallback: (s) => [["providerCallbacksPerAddress", s.address]],
} satisfies Record<string, (subject: Subject) => Array<readonly [RateLimitRuleName, string | null | undefined] | null | undefined | "" | false>>;

export type LimitEntry = keyof typeof entries;

function budgetsOf(entry: LimitEntry, subject: Subject): Array<[RateLimitRuleName, string]> {
  const listed = entries[entry](subject) as Array<readonly [RateLimitRuleName, string | null | undefined] | null | undefined | "" | false>;
  return listed.filter((budget): budget is [RateLimitRuleName, string] => Boolean(budget && budget[1]));
}

/** Counts one request of `subject` at `entry` against each of its budgets in turn; the first spent one refuses. */
export function checkLimit(entry: LimitEntry, subject: Subject): Promise<RateLimitDecision> {
  return consumeRules(budgetsOf(entry, subject));
}

/** Like checkLimit, but past a budget throws RATE_LIMITED (429, Retry-After). */
export async function limit(entry: LimitEntry, subject: Subject): Promise<void> {
  const decision = await checkLimit(entry, subject);
  if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
}

/** Gives back an attempt that succeeded, for entries whose rules count failures (sign-in, password checks). */
export async function refundLimit(entry: LimitEntry, subject: Subject): Promise<void> {
  for (const [rule, key] of budgetsOf(entry, subject)) await refundRule(rule, key);
}
