/**
 * The account beyond the request's own session: the reader's other sessions, the password
 * (change, reset by mail) and deleting the account. Each call proves the reader first (a
 * session, the current password or a mailed token); who is signed in lives in `./readers`.
 */
import { isAPIError } from "better-auth/api";
import { ApiError } from "@/lib/http";
import { getAuth } from "./instance";
import { requireSession } from "./readers";

/** What the account page shows of a session (never its token). */
export type ReaderSession = {
  id: string;
  current: boolean;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
};

export async function listReaderSessions(request: Request): Promise<ReaderSession[]> {
  const current = await requireSession(request);
  const auth = await getAuth();
  const sessions = await auth.api.listSessions({ headers: request.headers });
  return sessions
    .map((session) => ({
      id: session.id,
      current: session.id === current.session.id,
      createdAt: new Date(session.createdAt),
      updatedAt: new Date(session.updatedAt),
      expiresAt: new Date(session.expiresAt),
      ipAddress: session.ipAddress ?? null,
      userAgent: session.userAgent ?? null,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** Revokes one of the reader's own sessions, named by id (tokens never leave the server). */
export async function revokeReaderSession(request: Request, sessionId: string): Promise<void> {
  await requireSession(request);
  const auth = await getAuth();
  const sessions = await auth.api.listSessions({ headers: request.headers });
  const target = sessions.find((session) => session.id === sessionId);
  if (!target) throw new ApiError("INVALID_INPUT", "That session is not one of yours or has ended.", { field: "sessionId", reason: "unknown session" });
  await auth.api.revokeSession({ body: { token: target.token }, headers: request.headers });
}

/** Sign out everywhere: every session of the reader, this one included. */
export async function revokeAllReaderSessions(request: Request): Promise<{ headers: Headers }> {
  await requireSession(request);
  const auth = await getAuth();
  await auth.api.revokeSessions({ headers: request.headers });
  const { headers } = await auth.api.signOut({ headers: request.headers, returnHeaders: true }).catch(() => ({ headers: new Headers() }));
  return { headers };
}

/** Changes the password after checking the current one; other sessions end. */
export async function changeReaderPassword(request: Request, input: { currentPassword: string; newPassword: string }): Promise<void> {
  await requireSession(request);
  const auth = await getAuth();
  try {
    await auth.api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers: request.headers,
    });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 400) {
      throw new ApiError("INVALID_CREDENTIALS", "The current password is not correct.", { field: "currentPassword", reason: "incorrect" });
    }
    throw error;
  }
}

/** Deletes the account after a password check: user, profile and sessions go; audit rows stay, anonymised. */
export async function deleteReaderAccount(request: Request, password: string): Promise<{ headers: Headers }> {
  await requireSession(request);
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.deleteUser({ body: { password }, headers: request.headers, returnHeaders: true });
    return { headers };
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 400) {
      throw new ApiError("INVALID_CREDENTIALS", "The password is not correct.", { field: "password", reason: "incorrect" });
    }
    throw error;
  }
}

/** Mails a reset link when the address has an account; answers the same either way. */
export async function requestPasswordReset(email: string, request: Request): Promise<void> {
  const auth = await getAuth();
  await auth.api.requestPasswordReset({ body: { email }, headers: request.headers });
}

/** Sets a new password from a mailed token (single use, one hour); every session of the reader ends. */
export async function resetPasswordWithToken(token: string, newPassword: string, request: Request): Promise<void> {
  const auth = await getAuth();
  try {
    // `request` reaches onPasswordReset, which audits the client's IP and user agent. Given a
    // request, Better Auth answers with a Response instead of throwing unless told otherwise.
    await auth.api.resetPassword({ body: { token, newPassword }, headers: request.headers, request, asResponse: false });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 400) {
      throw new ApiError("INVALID_INPUT", "This reset link is invalid, used or expired. Ask for a new one.", { field: "token", reason: "invalid or expired" });
    }
    throw error;
  }
}
