import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";

/**
 * The browser's half of a passkey (WebAuthn) ceremony against Better Auth's passkey endpoints:
 * options from Lectern, the device's answer, Lectern's verdict. @simplewebauthn/browser and fetch,
 * not Better Auth's browser client (ADR-0039): the pages need these two calls and nothing else.
 */

export type CeremonyResult = { ok: true } | { ok: false; message: string };

const endpoint = (path: string) => `/api/auth/passkey/${path}`;

/** Lectern's words for Better Auth's passkey codes; anything else keeps the server's own message. */
const messages: Record<string, string> = {
  PASSKEY_NOT_FOUND: "This passkey is no longer linked to an account here (it may have been removed). Sign in with your email and password instead.",
  AUTHENTICATION_FAILED: "The passkey's answer could not be verified. Try again, or sign in with your email and password.",
  CHALLENGE_NOT_FOUND: "The passkey request expired. Try again.",
  SESSION_NOT_FRESH: "For your safety, a passkey can be added only within a day of signing in. Sign out, sign in again, then add it.",
};

/** The message of an error answer: the contract's envelope (`{error: {…}}`, rate limits) or Better Auth's (`{code, message}`). */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string; error?: { code?: string; message?: string } } | null;
  const error = body?.error ?? body ?? {};
  return (error.code && messages[error.code]) || error.message || `Something went wrong (HTTP ${response.status}). Try again.`;
}

function deviceRefusal(error: unknown, adding: boolean): string {
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
    return "This device already holds a passkey for your account.";
  }
  if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
    return adding ? "No passkey was added: the request was cancelled or timed out." : "No passkey was used: the request was cancelled or timed out.";
  }
  return error instanceof Error ? error.message : "The device could not use a passkey.";
}

const unsupported: CeremonyResult = { ok: false, message: "This browser cannot use passkeys. Use your email and password instead." };

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(endpoint(path), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
}

/** Adds a passkey to the signed-in reader's account, named so the reader can tell it apart. */
export async function addPasskey(name: string): Promise<CeremonyResult> {
  if (!browserSupportsWebAuthn()) return unsupported;
  const options = await fetch(endpoint("generate-register-options"), { credentials: "same-origin" });
  if (!options.ok) return { ok: false, message: await refusal(options) };
  let response;
  try {
    response = await startRegistration({ optionsJSON: await options.json() });
  } catch (error) {
    return { ok: false, message: deviceRefusal(error, true) };
  }
  const verified = await post("verify-registration", { response, name: name.trim() || undefined });
  return verified.ok ? { ok: true } : { ok: false, message: await refusal(verified) };
}

/** Signs in with a passkey the device holds (no email, no password); Lectern sets the session cookie. */
export async function signInWithPasskey(): Promise<CeremonyResult> {
  if (!browserSupportsWebAuthn()) return unsupported;
  const options = await fetch(endpoint("generate-authenticate-options"), { credentials: "same-origin" });
  if (!options.ok) return { ok: false, message: await refusal(options) };
  let response;
  try {
    response = await startAuthentication({ optionsJSON: await options.json() });
  } catch (error) {
    return { ok: false, message: deviceRefusal(error, false) };
  }
  const verified = await post("verify-authentication", { response });
  return verified.ok ? { ok: true } : { ok: false, message: await refusal(verified) };
}
