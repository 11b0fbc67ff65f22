import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { normalizedEmail } from "./keys";

/**
 * OWASP's device cookie ("Slow Down Online Guessing Attacks with Device Cookies", ADR-0033): a
 * successful sign-in leaves a signed token on the device; a sign-in that presents a valid one
 * for its email is exempt from the per-email ceiling a spread guessing attack fills, and counts
 * its own failures instead (past them the token is locked and exempts nothing).
 *
 * `d1.<random id>.<issued at, unix seconds>.<HMAC>`: the HMAC (a key derived from
 * BETTER_AUTH_SECRET) covers the id, the time and the normalised email, so the token holds no
 * readable email and works for that email only. Stateless: nothing is stored per device.
 */
export const deviceCookieName = "lectern.device";
/** Where a client that cannot send cookies (the book in bearer mode, via the contract) presents it. */
export const deviceHeaderName = "x-lectern-device";
/** A device unused for this long is unknown again (and its cookie expires with it). */
export const deviceTokenLifetimeSeconds = 180 * 24 * 60 * 60;

const version = "d1";
const tokenPattern = /^d1\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function signature(id: string, issuedAt: number, email: string): Buffer {
  const key = createHmac("sha256", config().BETTER_AUTH_SECRET).update("lectern device token").digest();
  return createHmac("sha256", key)
    .update(`${version}|${id}|${issuedAt}|${normalizedEmail(email)}`)
    .digest();
}

/** A new device token for a reader who just proved their password; `issuedAt` is for tests of expiry. */
export function issueDeviceToken(email: string, issuedAt = new Date()): string {
  const id = randomBytes(16).toString("base64url");
  const seconds = Math.floor(issuedAt.valueOf() / 1000);
  return `${version}.${id}.${seconds}.${signature(id, seconds, email).toString("base64url")}`;
}

/** The device's id when `token` is a valid, unexpired token issued for `email`; null otherwise. */
export function knownDeviceId(token: string | null | undefined, email: string): string | null {
  const parts = token ? tokenPattern.exec(token) : null;
  if (!parts) return null;
  const [, id, issued, mac] = parts as unknown as [string, string, string, string];
  const issuedAt = Number(issued);
  const age = Date.now() / 1000 - issuedAt;
  if (age < -60 || age > deviceTokenLifetimeSeconds) return null;
  // Compared as text: decoding would accept the non-canonical spellings base64url's last character allows.
  const expected = Buffer.from(signature(id, issuedAt, email).toString("base64url"));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

const cookiePattern = new RegExp(`(?:^|;\\s*)(?:__Secure-)?${deviceCookieName.replace(".", "\\.")}=([^;]+)`);

/** The device token a request presents: the header (contract clients), else the cookie. */
export function presentedDeviceToken(headers: Headers | null | undefined): string | null {
  const header = headers?.get(deviceHeaderName)?.trim();
  if (header) return header;
  const cookie = cookiePattern.exec(headers?.get("cookie") ?? "")?.[1];
  return cookie ? decodeURIComponent(cookie) : null;
}

/** The device token a sign-in just issued, from its Set-Cookie headers (for the contract's `device_token` field). */
export function issuedDeviceToken(headers: Headers): string | null {
  for (const cookie of headers.getSetCookie()) {
    const value = cookiePattern.exec(cookie.split(";")[0]!)?.[1];
    if (value) return decodeURIComponent(value);
  }
  return null;
}

/** Headers for a sign-in through `auth.api` that presents a device token sent in a contract body. */
export function withDeviceToken(headers: Headers, token: string | null | undefined): Headers {
  if (!token) return headers;
  const out = new Headers(headers);
  out.set(deviceHeaderName, token);
  return out;
}
