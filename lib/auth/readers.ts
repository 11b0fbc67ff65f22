/**
 * The request's own session: who the reader behind it is, and how that session begins and ends
 * (sign-up, sign-in, sign-out, refresh). What a reader changes about the account itself lives
 * in `./account`.
 */
import { eq } from "drizzle-orm";
import { isAPIError } from "better-auth/api";
import { database } from "@/db";
import { session as sessionTable } from "@/db/schema";
import type { SignInBody, SignUpBody } from "@/lib/contract";
import { ApiError, clientAddress, logger, userAgent } from "@/lib/http";
import { readProfile, writeBackground, type Background } from "@/lib/profile";
import { issuedDeviceToken, limit, subjectOf, withDeviceToken } from "@/lib/rate-limit";
import { disabledAccountMessage } from "./auth";
import { getAuth } from "./instance";
import { rateLimitedFromBetterAuth } from "./rate-limited-response";
import { quickSession, type AuthSession } from "./quick-session";
import { userIdForEmail } from "./users";

/** The signed-in reader behind a request, as every Lectern feature sees them. */
export type Reader = {
  userId: string;
  email: string;
  /** Whether the email is confirmed (authorship needs it: lib/insights' isAuthor). */
  emailVerified: boolean;
  sessionId: string;
  background: Background | null;
  profileCompleted: boolean;
  /** When the account was created, and when the account or its background last changed. */
  createdAt: Date;
  updatedAt: Date;
};

export type SignUpResult = {
  userId: string;
  email: string;
  /** Null only with REQUIRE_EMAIL_VERIFICATION: the reader signs in after confirming the email. */
  sessionToken: string | null;
  background: Background | null;
  profileCompleted: boolean;
  /** Better Auth's response headers (Set-Cookie, set-auth-token) to pass on. */
  headers: Headers;
  /** The device token this sign-up left (also in a Set-Cookie), null when no session began (lib/rate-limit's device token). */
  deviceToken: string | null;
};

export type SignInResult = {
  userId: string;
  email: string;
  sessionToken: string;
  background: Background | null;
  headers: Headers;
  /** The device token this sign-in left: presented on the next sign-in, it exempts this device from the per-email ceiling. */
  deviceToken: string | null;
};

const emailExists = () =>
  new ApiError("EMAIL_EXISTS", "An account with this email already exists. Sign in instead.", {
    field: "email",
    reason: "already registered",
  });

const invalidCredentials = () => new ApiError("INVALID_CREDENTIALS", "The email or password is not correct.");
const unauthorized = () => new ApiError("UNAUTHORIZED", "Sign in first: no valid session.");

/** The reader of a cookie session or `Authorization: Bearer <session token>`; the session as `sessionFromRequest` reads it, the profile from the database every time. */
export async function readerFromRequest(request: Request): Promise<Reader | null> {
  const session = await sessionFromRequest(request);
  if (!session) return null;
  const profile = await readProfile(session.user.id);
  return {
    userId: session.user.id,
    email: session.user.email,
    emailVerified: session.user.emailVerified,
    sessionId: session.session.id,
    background: profile.background,
    profileCompleted: profile.profileCompleted,
    createdAt: session.user.createdAt,
    updatedAt: [session.user.updatedAt, profile.updatedAt].reduce<Date>(
      (latest, candidate) => (candidate && candidate > latest ? candidate : latest),
      session.user.updatedAt,
    ),
  };
}

/**
 * Who is signed in, without the profile: for callers that need only the identity (account
 * actions, sign-out, refresh), so they do not read and decrypt the background for nothing.
 */
export async function sessionFromRequest(request: Request): Promise<AuthSession | null> {
  const quick = await quickSession(request.headers);
  if (quick !== undefined) return quick;
  const auth = await getAuth();
  try {
    return await auth.api.getSession({ headers: request.headers, query: { disableCookieCache: true } });
  } catch (error) {
    // The session's read budget (lib/auth's hooks) is spent: the contract's 429, not a 500.
    if (isAPIError(error) && error.statusCode === 429) throw rateLimitedFromBetterAuth(error.headers);
    throw error;
  }
}

/** Like sessionFromRequest, but a missing session is UNAUTHORIZED. */
export async function requireSession(request: Request): Promise<AuthSession> {
  const session = await sessionFromRequest(request);
  if (!session) throw unauthorized();
  return session;
}

/** Like readerFromRequest, but a missing session is UNAUTHORIZED. */
export async function requireReader(request: Request): Promise<Reader> {
  const reader = await readerFromRequest(request);
  if (!reader) throw unauthorized();
  return reader;
}

/**
 * The one sign-up path (the /sign-up page and POST /api/v1/auth/signup): Better Auth creates
 * the user and session, then the background is stored encrypted. If that second write fails
 * the account still exists and works; the reader is asked for the background on /account.
 * `input` was parsed at the edge by the contract's `signUpBodySchema` (lowercased email, rules).
 */
export async function signUpReader({ email, password, background }: SignUpBody, request: Request): Promise<SignUpResult> {
  // Counted before the "email exists" answer, so the budget also bounds probing for accounts.
  // Better Auth's own /sign-up/email counts the same key through its limiter (./rate-limit).
  await limit("signUp", subjectOf(request));
  if (await userIdForEmail(email)) throw emailExists();
  const auth = await getAuth();
  let created;
  try {
    created = await auth.api.signUpEmail({
      // callbackURL: where the verification link (REQUIRE_EMAIL_VERIFICATION) lands, signed in.
      body: { email, password, name: "", callbackURL: "/account?welcome=1" },
      headers: request.headers,
      returnHeaders: true,
    });
  } catch (error) {
    // Two sign-ups racing for one address: the loser lands here after the check above.
    if (await userIdForEmail(email)) throw emailExists();
    if (isAPIError(error) && error.statusCode === 400) {
      throw new ApiError("INVALID_INPUT", error.message, { field: "password", reason: error.message });
    }
    throw error;
  }
  const { response, headers } = created;
  let stored: Background | null = null;
  try {
    await writeBackground(response.user.id, background);
    stored = background;
  } catch (error) {
    logger().error({ err: error, userId: response.user.id }, "background not stored at sign-up; the account page will ask for it");
  }
  return {
    userId: response.user.id,
    email: response.user.email,
    sessionToken: response.token,
    background: stored,
    profileCompleted: stored !== null,
    headers,
    deviceToken: issuedDeviceToken(headers),
  };
}

/**
 * Email + password sign-in (parsed at the edge by `signInBodySchema`); a wrong email and a wrong
 * password answer the same. A `device_token` in the body is presented as the device cookie is.
 */
export async function signInReader({ email, password, device_token }: SignInBody, request: Request): Promise<SignInResult> {
  const auth = await getAuth();
  let signedIn;
  try {
    const presenting = withDeviceToken(request.headers, device_token);
    signedIn = await auth.api.signInEmail({ body: { email, password }, headers: presenting, returnHeaders: true });
  } catch (error) {
    if (isAPIError(error) && error.body?.code === "BANNED_USER") {
      throw new ApiError("UNAUTHORIZED", disabledAccountMessage, { field: "email", reason: "disabled" });
    }
    if (isAPIError(error) && error.statusCode === 403) {
      throw new ApiError("UNAUTHORIZED", "Confirm your email first: we sent you a link.", { field: "email", reason: "not verified" });
    }
    if (isAPIError(error) && (error.statusCode === 401 || error.statusCode === 400)) throw invalidCredentials();
    if (isAPIError(error) && error.statusCode === 429) throw rateLimitedFromBetterAuth(error.headers);
    throw error;
  }
  const { response, headers } = signedIn;
  const profile = await readProfile(response.user.id);
  return {
    userId: response.user.id,
    email: response.user.email,
    sessionToken: response.token,
    background: profile.background,
    headers,
    deviceToken: issuedDeviceToken(headers),
  };
}

/** The headers that carry a new session to the client (Better Auth's cookie and its bearer token), so either mode works. */
export function sessionHeaders(headers: Headers): Headers {
  const out = new Headers();
  for (const cookie of headers.getSetCookie()) out.append("Set-Cookie", cookie);
  const token = headers.get("set-auth-token");
  if (token) out.set("set-auth-token", token);
  return out;
}

/** Ends the request's session (cookie or bearer). Returns headers that clear the cookies. */
export async function signOutReader(request: Request): Promise<{ headers: Headers }> {
  await requireSession(request);
  const auth = await getAuth();
  const { headers } = await auth.api.signOut({ headers: request.headers, returnHeaders: true });
  return { headers };
}

/** A new session token for the same reader; the presented one stops working at once. */
export async function refreshSession(request: Request): Promise<{ sessionToken: string; expiresAt: Date }> {
  const auth = await getAuth();
  const current = await requireSession(request);
  // Retire the presented session first: of two refreshes racing with one token, only the one
  // that deleted the row gets a new session, so a token never turns into two.
  const retired = await (await database()).delete(sessionTable).where(eq(sessionTable.token, current.session.token)).returning({ id: sessionTable.id });
  if (retired.length === 0) throw unauthorized();
  const context = await auth.$context;
  // Also out of Better Auth's secondary storage (./session-store), or the old token would still
  // be served from there.
  await context.internalAdapter.deleteSession(current.session.token);
  const next = await context.internalAdapter.createSession(current.user.id, false, {
    ipAddress: clientAddress(request),
    userAgent: userAgent(request),
  });
  if (!next) throw new Error("session could not be created");
  return { sessionToken: next.token, expiresAt: next.expiresAt };
}
