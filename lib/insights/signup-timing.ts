import { createHmac, timingSafeEqual } from "node:crypto";
import { database } from "@/db";
import { insightsSignupTime } from "@/db/schema";
import { config } from "@/lib/config";
import { logger } from "@/lib/http";

/**
 * SC-001 (time from serving /sign-up to the account existing). The page hands the form a signed
 * "served at" stamp; the sign-up action measures against it once the account exists. Signed, so
 * a client cannot skew the median; the stored row is a duration only, with no reader attached.
 */
const maxSeconds = 24 * 60 * 60;

function signatureOf(servedAt: string): string {
  return createHmac("sha256", config().BETTER_AUTH_SECRET).update(`lectern:sign-up-served:${servedAt}`).digest("base64url");
}

export function signUpServedStamp(now: Date = new Date()): string {
  const servedAt = String(now.getTime());
  return `${servedAt}.${signatureOf(servedAt)}`;
}

/** Seconds since a valid stamp was served, or null for a missing, forged or implausible one. */
export function secondsSinceServed(stamp: string | undefined, now: Date = new Date()): number | null {
  const [servedAt, signature] = (stamp ?? "").split(".");
  if (!servedAt || !signature || !/^\d{1,15}$/.test(servedAt)) return null;
  const expected = Buffer.from(signatureOf(servedAt));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const seconds = (now.getTime() - Number(servedAt)) / 1000;
  return seconds > 0 && seconds <= maxSeconds ? seconds : null;
}

/** Records one sign-up's duration; never fails the sign-up. */
export async function recordSignUpDuration(stamp: string | undefined): Promise<void> {
  const seconds = secondsSinceServed(stamp);
  if (seconds === null) return;
  try {
    await (await database()).insert(insightsSignupTime).values({ seconds: Math.round(seconds * 10) / 10 });
  } catch (error) {
    logger().warn({ err: error }, "could not record a sign-up duration");
  }
}
