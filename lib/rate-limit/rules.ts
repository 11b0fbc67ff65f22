/**
 * Every rate limit of Lectern, in one table (DESIGN "Rate limits"; ADR-0016). A rule names
 * what it is keyed by, its budget, whether it counts every request or only failures, and on
 * which store it counts:
 * - `shared`: the database, or Redis with REDIS_URL. Credentials and mail: the budget must hold
 *   across instances and restarts.
 * - `fast`: process memory, or Redis with REDIS_URL. A signed-in reader's reads and writes and
 *   guest reads: generous budgets against runaway clients, counted without a database write
 *   (a write per read was the largest single cost under load, docs/performance.md). Without
 *   Redis each instance counts its own share.
 * Budgets that count `failures` are consumed before the attempt and refunded when it succeeds,
 * so concurrent guesses are bounded and a reader who signs in correctly is never charged.
 */
export type RuleStore = "shared" | "fast";

export type RateLimitRuleSpec = {
  /** What the key is made of (for people reading the table). */
  keyedBy: string;
  windowSeconds: number;
  max: number;
  counts: "requests" | "failures";
  store: RuleStore;
};

const minute = 60;
const hour = 60 * minute;

export const rateLimitRules = {
  /** A stranger at one address cannot lock a reader out: the reader's own address has its own budget. */
  signInPerEmailAndAddress: { keyedBy: "email + client address", windowSeconds: 5 * minute, max: 5, counts: "failures", store: "shared" },
  /**
   * Guesses spread over many addresses are still slowed: counted for devices the reader has not
   * signed in from only (OWASP's device cookie, ./device-token), so such an attack never locks
   * the reader out of a device they use.
   */
  signInPerEmail: { keyedBy: "email, from unknown devices", windowSeconds: hour, max: 50, counts: "failures", store: "shared" },
  /** A known device's own failures: past them the device token is locked and exempts nothing (OWASP). */
  signInPerDevice: { keyedBy: "device token", windowSeconds: hour, max: 10, counts: "failures", store: "shared" },
  /** One address trying many accounts. */
  signInPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 30, counts: "failures", store: "shared" },
  /** verify-password, change-password, delete-user: a stolen session cannot guess the password. */
  passwordCheckPerSession: { keyedBy: "session", windowSeconds: 5 * minute, max: 5, counts: "failures", store: "shared" },
  passwordCheckPerEmail: { keyedBy: "email", windowSeconds: 5 * minute, max: 5, counts: "failures", store: "shared" },
  /** A class of 40 signs up in one minute; a flood past a class's size does not. */
  signUpPerAddress: { keyedBy: "client address", windowSeconds: 10 * minute, max: 60, counts: "requests", store: "shared" },
  /** Password reset and verification mail: nobody's inbox is flooded through Lectern. Asked from unknown devices. */
  mailPerEmail: { keyedBy: "email, from unknown devices", windowSeconds: hour, max: 3, counts: "requests", store: "shared" },
  /** Asked from a device the reader signed in from: its own budget, so strangers cannot spend the reader's. */
  mailPerEmailFromDevice: { keyedBy: "email + device token", windowSeconds: hour, max: 3, counts: "requests", store: "shared" },
  mailPerAddress: { keyedBy: "client address", windowSeconds: hour, max: 30, counts: "requests", store: "shared" },
  /** Session, profile, personalize, progress: no per-address limit, a class shares one address. */
  readsPerSession: { keyedBy: "session", windowSeconds: minute, max: 600, counts: "requests", store: "fast" },
  /** All of a reader's sessions together (two devices' worth): signing in again brings no fresh budget. */
  readsPerUser: { keyedBy: "user", windowSeconds: minute, max: 1200, counts: "requests", store: "fast" },
  /** Profile, progress, feedback, session changes. */
  writesPerSession: { keyedBy: "session", windowSeconds: minute, max: 120, counts: "requests", store: "fast" },
  writesPerUser: { keyedBy: "user", windowSeconds: minute, max: 240, counts: "requests", store: "fast" },
  /** GET /api/v1/auth/export: the reader's whole data, a heavy read nobody needs often. */
  exportsPerUser: { keyedBy: "user", windowSeconds: hour, max: 10, counts: "requests", store: "shared" },
  /** Personalize (and get-session) without a session. */
  guestReadsPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 600, counts: "requests", store: "fast" },
  /** Passkey sign-in challenges: each is a stored row; a class of 40 asks for one each from one address, with retries. */
  passkeyChallengesPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 120, counts: "requests", store: "shared" },
  /** Passkey sign-in answers that fail verification (unknown or removed passkey, bad signature). */
  passkeySignInPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 30, counts: "failures", store: "shared" },
  /** Adding passkeys (options and verification each count): nobody needs more than a few an hour. */
  passkeyRegistrationsPerUser: { keyedBy: "user", windowSeconds: hour, max: 20, counts: "requests", store: "shared" },
  /** School and social sign-ins started (each stores a state row): a class of 40 at one address, twice over, with retries. */
  providerSignInStartsPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 200, counts: "requests", store: "shared" },
  /** Providers' callbacks (a code exchanged and an id_token checked at the provider): as many as the starts. */
  providerCallbacksPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 200, counts: "requests", store: "shared" },
  /** Better Auth's other endpoints without a session (reset-password, verify-email, …). */
  otherAuthPerAddress: { keyedBy: "client address", windowSeconds: minute, max: 100, counts: "requests", store: "shared" },
} as const satisfies Record<string, RateLimitRuleSpec>;

export type RateLimitRuleName = keyof typeof rateLimitRules;
