import { database } from "@/db";
import { processSingleton } from "@/lib/singleton";
import { createAuth, type Auth } from "./auth";

/** The process-wide Better Auth instance on the process-wide database (rebuilt when tests reset the configuration). */
export function getAuth(): Promise<Auth> {
  return processSingleton("auth", () => database().then((db) => createAuth(db)), { builtFromConfig: true });
}
