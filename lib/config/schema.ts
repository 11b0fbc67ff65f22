import { z } from "zod";

/** Comma list of absolute http(s) origins, normalised (no trailing slash, lower-case host). */
const originList = z
  .string()
  .transform((raw) =>
    raw
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin)));

const base64Key32 = z.string().refine((value) => Buffer.from(value, "base64").length === 32, "a base64 string of exactly 32 bytes");

/** A CSS colour as #rgb or #rrggbb (it goes into the pages' CSS, so nothing else is let through). */
const hexColor = z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, "a colour like #0b6e6e");

const optionalUrl = (protocols: RegExp) => z.url({ protocol: protocols }).optional();

/**
 * The environment of DESIGN.md. Empty strings count as unset so that `FOO=` in a shell or
 * an .env file behaves like leaving the variable out.
 */
export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATA_DIR: z.string().default(".data"),
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
    // Connections each instance may open to DATABASE_URL; at least 2 (migrations hold one for their lock).
    DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(1000).default(10),
    BETTER_AUTH_SECRET: z.string().min(32, "at least 32 characters").optional(),
    // Unset: http://localhost:<PORT> (below), so links and trusted origins follow the port served.
    BETTER_AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    BOOK_ORIGINS: originList.default(["http://localhost:3001"]),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // The hot JSON routes answered by their handlers before Next's pipeline (scripts/hot-route-dispatch, ADR-0042), or all by Next.
    HOT_ROUTES: z.enum(["direct", "next"]).default("direct"),
    // Bearer token for /api/metrics; unset → only loopback clients may scrape.
    METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
    QDRANT_URL: optionalUrl(/^https?$/),
    QDRANT_API_KEY: z.string().optional(),
    QDRANT_COLLECTION: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,255}$/, "letters, digits, - and _")
      .default("lectern_book"),
    QDRANT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(2000),
    REDIS_URL: optionalUrl(/^rediss?$/),
    PROFILE_ENCRYPTION_KEY: z
      .string()
      .transform((raw) =>
        raw
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .string()
              .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+$/, "keyId:base64key (comma list, newest first)")
              .refine((entry) => base64Key32.safeParse(entry.split(":")[1]).success, "each key must be 32 bytes of base64"),
          )
          .min(1),
      )
      .optional(),
    SMTP_URL: optionalUrl(/^smtps?$/),
    MAIL_FROM: z.string().default("Lectern <no-reply@localhost>"),
    REQUIRE_EMAIL_VERIFICATION: z.stringbool().default(false),
    EMBEDDINGS_URL: optionalUrl(/^https?$/),
    EMBEDDINGS_MODEL: z.string().optional(),
    EMBEDDINGS_API_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The book's authors (insights): emails compared lower-cased, as Better Auth stores them. */
    AUTHOR_EMAILS: z
      .string()
      .transform((raw) =>
        raw
          .split(",")
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email("an email address (comma list)")))
      .default([]),
    // The book Lectern's pages belong to (ADR-0036): its name, where "← Back to" leads, its logo and colours. Defaults: the sample book.
    BOOK_NAME: z.string().trim().min(1, "a name").max(80, "at most 80 characters").default("Physical AI & Humanoid Robotics"),
    BOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    // A path Lectern serves (a file in public/): the pages' CSP keeps img-src 'self', so no other origin is allowed (ADR-0036).
    BOOK_LOGO_URL: z
      .string()
      .regex(/^\/(?!\/)[A-Za-z0-9._~\/-]*$/, "a path Lectern serves, like /book-logo.svg (put the file in public/)")
      .default("/book-logo.svg"),
    BOOK_PRIMARY_COLOR: hexColor.default("#0b6e6e"),
    // The primary in dark mode: a lighter shade that reads on a dark background (the book's own dark primary).
    BOOK_PRIMARY_COLOR_DARK: hexColor.default("#4fd1c5"),
    // Authors' insights are a released snapshot (ADR-0029): hours between releases (never under one) and ε per release.
    INSIGHTS_RELEASE_HOURS: z.coerce.number().int("whole hours").min(1, "at least 1 (releases are never more often than hourly)").max(8760).default(24),
    INSIGHTS_EPSILON: z.coerce.number().positive("a number above 0").max(100, "at most 100").default(1),
    // Social sign-in (ADR-0040): each provider is on when both its id and secret are set; half a pair stops start-up.
    GITHUB_CLIENT_ID: z.string().trim().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().trim().min(1).optional(),
    GOOGLE_CLIENT_ID: z.string().trim().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().trim().min(1).optional(),
    // Identity providers on a private network (or the tests' provider on 127.0.0.1) that Lectern may fetch: by default
    // the SSO plugin refuses loopback and private addresses (SSRF). Each origin is also trusted as a redirect target.
    SSO_PRIVATE_ISSUER_ORIGINS: originList.default([]),
  })
  .superRefine((env, ctx) => {
    if (env.EMBEDDINGS_URL && !env.EMBEDDINGS_MODEL) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_MODEL"], message: "required when EMBEDDINGS_URL is set" });
    }
    for (const [id, secret] of [
      ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    ] as const) {
      if (env[id] && !env[secret]) ctx.addIssue({ code: "custom", path: [secret], message: `required when ${id} is set` });
      if (env[secret] && !env[id]) ctx.addIssue({ code: "custom", path: [id], message: `required when ${secret} is set` });
    }
    // Embedded mode may generate its secrets into DATA_DIR; a shared database may not, in any
    // mode: every instance (and every developer) on it must sign and encrypt with the same keys.
    if (!env.DATABASE_URL) return;
    for (const name of ["BETTER_AUTH_SECRET", "PROFILE_ENCRYPTION_KEY"] as const) {
      if (!env[name]) {
        ctx.addIssue({ code: "custom", path: [name], message: "required with DATABASE_URL (a shared database needs shared keys)" });
      }
    }
  })
  .transform((env) => ({
    ...env,
    BETTER_AUTH_URL: env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT}`,
    // Unset: the book's first origin, where readers come from.
    BOOK_URL: env.BOOK_URL ?? `${env.BOOK_ORIGINS[0] ?? "http://localhost:3001"}/`,
  }));

export type Environment = z.infer<typeof environmentSchema>;
