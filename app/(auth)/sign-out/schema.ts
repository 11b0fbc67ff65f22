import { z } from "zod";
import { returnToField } from "@/lib/contract";

/** Sign-out takes only where to go afterwards (a book page or a Lectern path; the action judges it). */
export const signOutSchema = z.strictObject({ returnTo: returnToField });
