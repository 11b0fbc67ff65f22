import { z } from "zod";
import { emailSchema } from "@/lib/contract";

export const forgotPasswordSchema = z.strictObject({ email: emailSchema });
