/**
 * Accounts (server side): Better Auth and the reader-facing functions built on it.
 * The browser client lives in `./client` so pages never bundle the server.
 */
export { createAuth, type Auth } from "./auth";
export { getAuth } from "./instance";
export {
  readerFromRequest,
  refreshSession,
  requireReader,
  requireSession,
  sessionFromRequest,
  type AuthSession,
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
export { userIdForEmail } from "./users";
export { refuseHostileAuthInput, shapeAuthResponse } from "./edge";
