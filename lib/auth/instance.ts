import { database } from "@/db";
import { createAuth, type Auth } from "./auth";

const authKey = Symbol.for("lectern.auth");
type WithAuth = typeof globalThis & { [authKey]?: Promise<Auth> };

/**
 * The process-wide Better Auth instance on the process-wide database. Kept on globalThis
 * because Next's route bundles and the custom server are different module instances.
 */
export function getAuth(): Promise<Auth> {
  const holder = globalThis as WithAuth;
  holder[authKey] ??= database().then((db) => createAuth(db));
  return holder[authKey];
}

/** Tests that change the configuration (REDIS_URL, SMTP_URL) build the next instance afresh. */
export function resetAuthForTests(): void {
  delete (globalThis as WithAuth)[authKey];
}
