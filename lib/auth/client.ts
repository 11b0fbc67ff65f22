"use client";
import { createAuthClient } from "better-auth/react";
import { jwtClient } from "better-auth/client/plugins";

/** Better Auth in the browser, for Lectern's own pages (same origin, cookie session). */
export const authClient = createAuthClient({ basePath: "/api/auth", plugins: [jwtClient()] });
