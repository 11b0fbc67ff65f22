/**
 * The reader's passkeys on the account page: list, rename, remove. Adding one and signing in with
 * one are WebAuthn ceremonies in the browser, against Better Auth's endpoints (./passkey-plugin).
 */
import { getAuthenticatorName } from "@better-auth/passkey";
import { isAPIError } from "better-auth/api";
import { ApiError } from "@/lib/http";
import { getAuth } from "./instance";
import { requireSession } from "./readers";

/** What the account page shows of a passkey (never its public key or credential id). */
export type ReaderPasskey = {
  id: string;
  name: string | null;
  createdAt: Date;
  /** `singleDevice` (a security key, one device) or `multiDevice` (synced by a password manager or the platform). */
  deviceType: string;
  backedUp: boolean;
  /** The authenticator's maker when its model is known (AAGUID), e.g. "Google Password Manager". */
  authenticator: string | null;
};

const notYours = () =>
  new ApiError("INVALID_INPUT", "That passkey is not one of yours or was removed already.", { field: "passkeyId", reason: "unknown passkey" }, 404);

function isUnknownPasskey(error: unknown): boolean {
  return isAPIError(error) && (error.body?.code === "PASSKEY_NOT_FOUND" || error.statusCode === 401 || error.statusCode === 404);
}

/** The reader's passkeys, newest first. */
export async function listReaderPasskeys(request: Request): Promise<ReaderPasskey[]> {
  await requireSession(request);
  const auth = await getAuth();
  const passkeys = await auth.api.listPasskeys({ headers: request.headers });
  return passkeys
    .map((row) => ({
      id: row.id,
      name: row.name?.trim() || null,
      createdAt: new Date(row.createdAt),
      deviceType: row.deviceType,
      backedUp: row.backedUp,
      authenticator: getAuthenticatorName(row.aaguid) ?? null,
    }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Renames one of the reader's passkeys. */
export async function renameReaderPasskey(request: Request, passkeyId: string, name: string): Promise<void> {
  await requireSession(request);
  const auth = await getAuth();
  await auth.api.updatePasskey({ body: { id: passkeyId, name }, headers: request.headers }).catch((error: unknown) => {
    throw isUnknownPasskey(error) ? notYours() : error;
  });
}

/** Removes one of the reader's passkeys; the password (and reset by mail) stays, so no reader is locked out. */
export async function removeReaderPasskey(request: Request, passkeyId: string): Promise<void> {
  await requireSession(request);
  const auth = await getAuth();
  await auth.api.deletePasskey({ body: { id: passkeyId }, headers: request.headers }).catch((error: unknown) => {
    throw isUnknownPasskey(error) ? notYours() : error;
  });
}
