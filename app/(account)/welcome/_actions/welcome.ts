"use server";
import { safeReturnTo } from "@/lib/auth";
import { auditContextFrom, updateBackground } from "@/lib/profile";
import { authenticatedActionClient } from "@/lib/safe-action";
import { welcomeFormSchema } from "../schema";

/**
 * Stores the background given on /welcome and says where to go next. A reader whose profile is
 * already complete (answered in another tab, or on /account) keeps those answers: the step
 * never overwrites them, it only passes the reader on.
 */
export const completeBackgroundAction = authenticatedActionClient
  .metadata({ actionName: "complete-background", countsAsWrite: true })
  .inputSchema(welcomeFormSchema)
  .action(async ({ parsedInput: { background, returnTo }, ctx }) => {
    if (!ctx.reader.profileCompleted) {
      // The audit row (profile_change) says the answers came from this step.
      await updateBackground(ctx.reader.userId, background, auditContextFrom(ctx.request), { step: "welcome" });
    }
    return { redirectTo: safeReturnTo(returnTo) ?? "/account?welcome=1" };
  });
