import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { isAPIError } from "better-auth/api";
import { readerFromRequest } from "@/lib/auth";
import { ApiError, currentRequest, logger } from "@/lib/http";
import { limit, subjectOf } from "@/lib/rate-limit";

/** What a failed action tells the form: a sentence for the reader and the field it is about. */
export type ActionError = { message: string; field?: string };

const metadataSchema = z.object({
  actionName: z.string(),
  /**
   * A change Lectern makes itself, counted against the session's write budget. Actions that
   * call Better Auth (sign-in, sign-up, password, sessions, mail) need nothing here: its hooks
   * count them on the same rules as every other path (lib/rate-limit).
   */
  countsAsWrite: z.boolean().optional(),
});

/**
 * The one base client every server action goes through: timing log, and errors
 * turned into a safe `ActionError` (an ApiError's own message; anything else is logged and
 * becomes a generic sentence, never a stack trace).
 */
export const actionClient = createSafeActionClient({
  defineMetadataSchema: () => metadataSchema,
  handleServerError(error, { metadata }): ActionError {
    if (error instanceof ApiError) return { message: error.message, field: error.details?.field };
    if (isAPIError(error) && error.statusCode === 429) return { message: error.message };
    logger().error({ err: error, action: metadata?.actionName }, "server action failed");
    return { message: "Something went wrong on our side. Please try again in a moment." };
  },
}).use(async ({ next, metadata }) => {
  const request = await currentRequest();
  const started = performance.now();
  const result = await next({ ctx: { request } });
  logger().info({ action: metadata.actionName, ok: result.success, ms: Math.round(performance.now() - started) }, "action");
  return result;
});

/** Actions for a signed-in reader; `ctx.reader` is read from the database for this request. */
export const authenticatedActionClient = actionClient.use(async ({ next, ctx, metadata }) => {
  const reader = await readerFromRequest(ctx.request);
  if (!reader) throw new ApiError("UNAUTHORIZED", "Your session has ended. Please sign in again.");
  // The session's and the user's one write budget, as every other path that writes counts it.
  if (metadata.countsAsWrite) await limit("write", subjectOf(ctx.request, { user: reader.userId }));
  return next({ ctx: { reader } });
});
