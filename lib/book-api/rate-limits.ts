import { enforceRule, sessionOf } from "@/lib/rate-limit";

/**
 * The contract's own share of the rules table (lib/rate-limit). Sign-up, sign-in and every
 * session read are counted inside lib/auth (Better Auth's hooks and `signUpReader`), on the
 * same counters as Better Auth's endpoints and the pages; a change the contract makes itself
 * (profile, refresh) counts against the presented session's write budget here. Without a
 * session there is nothing to count: the route answers 401.
 */
export async function limitWrite(request: Request): Promise<void> {
  const session = sessionOf(request.headers);
  if (session) await enforceRule("writesPerSession", session);
}

/**
 * For routes that already hold the session (progress, feedback). Reads were counted when the
 * session was read (readsPerSession, in lib/auth's hooks), so only writes count here.
 */
export async function limitSessionRoute(kind: "progressRead" | "progressWrite" | "feedback", sessionId: string): Promise<void> {
  if (kind === "progressRead") return;
  await enforceRule("writesPerSession", `id:${sessionId}`);
}
