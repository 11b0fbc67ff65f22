import type { z } from "zod";
import { returnToField } from "@/lib/contract";
import { backgroundFormSchema } from "../account/schema";

/** The background step: /account's background form (the same three answers, all required) plus where to go next. */
export const welcomeFormSchema = backgroundFormSchema.extend({ returnTo: returnToField });
export type WelcomeForm = z.input<typeof welcomeFormSchema>;
