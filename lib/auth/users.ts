import { eq, sql } from "drizzle-orm";
import { database } from "@/db";
import { passkey, user } from "@/db/schema";

/** The user id for an email in any letter case, or null. */
export async function userIdForEmail(email: string): Promise<string | null> {
  const db = await database();
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(sql`lower(${user.email}) = ${email.trim().toLowerCase()}`);
  return row?.id ?? null;
}

/** The owner of a passkey, by its WebAuthn credential id, or null (unknown or removed). */
export async function passkeyOwnerId(credentialId: string): Promise<string | null> {
  const db = await database();
  const [row] = await db.select({ userId: passkey.userId }).from(passkey).where(eq(passkey.credentialID, credentialId));
  return row?.userId ?? null;
}
