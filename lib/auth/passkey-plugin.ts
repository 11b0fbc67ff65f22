import { passkey } from "@better-auth/passkey";
import { config } from "@/lib/config";

/**
 * Better Auth's passkey plugin (WebAuthn), bound to Lectern's own address: the relying party is
 * BETTER_AUTH_URL's host, and only its origin may answer a ceremony (the sign-in and account pages
 * live there, never on the book). The prompt names the book, the name readers know (ADR-0039).
 */
export function passkeyPlugin() {
  const lectern = new URL(config().BETTER_AUTH_URL);
  return passkey({
    rpID: lectern.hostname,
    rpName: config().BOOK_NAME,
    origin: lectern.origin,
    // A passkey is added to an existing account from a fresh session (Better Auth's default);
    // a discoverable (resident) key lets the sign-in page ask for one without an email first.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    advanced: { webAuthnChallengeCookie: "passkey-challenge" },
  });
}
