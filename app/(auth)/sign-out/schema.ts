import { z } from "zod";
import { returnToSchema } from "@/lib/auth/return-to";

/** Sign-out takes only where to go afterwards (a book page or a Lectern path). */
export const signOutSchema = z.strictObject({ returnTo: returnToSchema });
