import { z } from "zod";
import { emailSchema } from "@/lib/book-api/schemas";

export const forgotPasswordSchema = z.strictObject({ email: emailSchema });
