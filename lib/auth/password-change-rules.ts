import { APIError } from "better-auth/api";

/**
 * Rules about changing a password that Better Auth leaves to the caller, applied from the
 * before-hook so every path (its HTTP endpoints, the pages, the contract) gets them.
 */

type HookContext = {
  body?: unknown;
  context: {
    internalAdapter: {
      findVerificationValue: (identifier: string) => Promise<{ value: string; createdAt: Date | string } | null>;
      findAccounts: (userId: string) => Promise<Array<{ providerId: string; updatedAt: Date | string }>>;
    };
  };
};

/** A changed password ends every other session, whatever the client asked (a thief's session included). */
export function revokeOtherSessionsOnPasswordChange(body: Record<string, unknown>) {
  return { context: { body: { ...body, revokeOtherSessions: true } } };
}

/**
 * A reset link mailed before the password last changed (by another reset or on /account) is
 * dead: whoever asked for several links, or read an old mail, cannot undo the newer password.
 */
export async function refuseStaleResetLink(ctx: HookContext): Promise<void> {
  const token = (ctx.body as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string" || token.length === 0) return;
  const adapter = ctx.context.internalAdapter;
  const link = await adapter.findVerificationValue(`reset-password:${token}`);
  if (!link) return; // Better Auth refuses an unknown token itself.
  const credential = (await adapter.findAccounts(link.value)).find((account) => account.providerId === "credential");
  if (credential && new Date(credential.updatedAt).getTime() > new Date(link.createdAt).getTime()) {
    throw new APIError("BAD_REQUEST", { message: "Invalid token", code: "INVALID_TOKEN" });
  }
}
