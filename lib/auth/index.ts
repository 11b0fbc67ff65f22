/**
 * Accounts (server side): Better Auth and the reader-facing functions built on it. `./readers`
 * is the request's own session (who, sign-up, sign-in, sign-out, refresh); `./account` is what a
 * proven reader changes beyond it (other sessions, password, deletion). Pages sign in through
 * server actions, so no browser client of Better Auth is shipped.
 */
export { createAuth, type Auth } from "./auth";
export { getAuth } from "./instance";
export {
  readerFromRequest,
  refreshSession,
  requireReader,
  requireSession,
  sessionFromRequest,
  sessionHeaders,
  signInReader,
  signOutReader,
  signUpReader,
  type Reader,
  type SignInResult,
  type SignUpResult,
} from "./readers";
export {
  changeReaderPassword,
  deleteReaderAccount,
  listReaderSessions,
  requestPasswordReset,
  resetPasswordWithToken,
  revokeAllReaderSessions,
  revokeReaderSession,
  type ReaderSession,
} from "./account";
export { contractRateLimitResponse } from "./rate-limited-response";
export { quickSessionResponse, sessionReadResponse } from "./get-session-response";
export type { AuthSession } from "./quick-session";
export { userIdForEmail } from "./users";
export { listReaderPasskeys, removeReaderPasskey, renameReaderPasskey, type ReaderPasskey } from "./passkeys";
export { safeReturnTo } from "./return-to";
export { configuredSocialProviders, hasSchoolSignIn, schoolSignInUrl, socialSignInUrl, welcomeUrl, type SocialProvider } from "./provider-sign-in";
export { providerDomains } from "./sso";
export { refuseForeignRevocation, refuseHostileAuthInput, shapeAuthResponse } from "./edge";
