import { z } from "zod";

/**
 * Where a form sends the reader next: the one shape of `returnTo` in every form and action.
 * The browser cannot judge it (that needs BOOK_ORIGINS); the action does, once, with
 * `safeReturnTo` (lib/auth), which drops anything that is not Lectern or the book.
 */
export const returnToField = z.string().max(2048).optional();
