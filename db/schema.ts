import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

// ── Better Auth's tables (field names are Better Auth's; columns are snake_case) ──────────

export const user = pgTable(
  "user",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    // Better Auth's admin plugin: operators disable (ban) and re-enable readers (docs/admin.md).
    role: text("role"),
    banned: boolean("banned").default(false),
    banReason: text("ban_reason"),
    banExpires: timestamp("ban_expires", { withTimezone: true }),
    ...timestamps,
  },
  // Emails are stored lower-cased by Better Auth; the unique index is the last line of defence.
  (table) => [uniqueIndex("user_email_unique").on(sql`lower(${table.email})`)],
);

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    impersonatedBy: text("impersonated_by"),
    ...timestamps,
  },
  (table) => [index("session_user_id_idx").on(table.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    ...timestamps,
  },
  (table) => [index("account_user_id_idx").on(table.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (table) => [index("verification_identifier_idx").on(table.identifier)],
);

/** JWT plugin signing keys (private keys are encrypted by Better Auth with its secret). */
export const jwks = pgTable("jwks", {
  id: text("id").primaryKey(),
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key").notNull(),
  alg: text("alg"),
  crv: text("crv"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
});

/** A reader's passkeys (Better Auth's passkey plugin; WebAuthn public keys, nothing secret). */
export const passkey = pgTable(
  "passkey",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull().unique(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
  },
  (table) => [index("passkey_user_id_idx").on(table.userId)],
);

/**
 * Schools' identity providers (Better Auth's SSO plugin), registered by operators with
 * `npm run admin -- sso add`. `domain` lists the email domains sent to the provider.
 */
export const ssoProvider = pgTable("sso_provider", {
  id: text("id").primaryKey(),
  issuer: text("issuer").notNull(),
  oidcConfig: text("oidc_config"),
  samlConfig: text("saml_config"),
  userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
  providerId: text("provider_id").notNull().unique(),
  organizationId: text("organization_id"),
  domain: text("domain").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Rate-limit counters when no REDIS_URL is set: shared by every instance on one database. */
export const rateLimit = pgTable("rate_limit", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: bigint("last_request", { mode: "number" }).notNull(),
});

// ── Lectern's tables ───────────────────────────────────────────────────────────────────────

/**
 * The reader's three background answers, sealed (AES-256-GCM, lib/sealing) as one envelope string.
 * A column holding sealed values is named `*_sealed` (or `*_ciphertext`) and registered by the
 * concern that seals it; lib/sealing's schema test fails for one that is not (ADR-0034).
 */
export const readerProfile = pgTable("reader_profile", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  /** `v2:keyId:iv:tag:ciphertext` (older values `keyId:iv:tag:ciphertext`), base64 parts; null until the reader answers. */
  backgroundCiphertext: text("background_ciphertext"),
  keyId: text("key_id"),
  ...timestamps,
});

/**
 * Auth and profile events. No foreign key: rows outlive the account (deletion nulls user_id,
 * ip and user agent, keeping the event itself).
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    userId: text("user_id"),
    event: text("event").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [
    index("audit_event_user_idx").on(table.userId, table.occurredAt),
    // Insights' SC-002 (first sign-in attempt per reader) reads only these rows, index-only.
    index("audit_event_sign_in_idx")
      .on(table.userId, table.occurredAt, table.event)
      .where(sql`${table.event} in ('sign_in', 'sign_in_failed')`),
  ],
);

/** One chunk of a book doc (split at headings), searchable by the embedded engine. */
export const contentChunk = pgTable(
  "content_chunk",
  {
    id: text("id").primaryKey(),
    docId: text("doc_id").notNull(),
    docHash: text("doc_hash").notNull(),
    position: integer("position").notNull(),
    /** The doc's place in the book as its sidebar orders it (lib/content/sidebar.ts): the book's order is (book_order, position). */
    bookOrder: integer("book_order").notNull().default(0),
    chapter: text("chapter").notNull(),
    /** The chapter's name as the sidebar shows it (its `_category_` or category label). */
    chapterLabel: text("chapter_label").notNull().default(""),
    section: text("section").notNull(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    level: text("level").notNull(),
    tracks: text("tracks").array().notNull(),
    /** Which of level and tracks the indexer inferred (the author wrote neither), and why, in words. */
    inferred: jsonb("inferred").$type<{ level: boolean; tracks: boolean; reasons: string[] }>().notNull().default({ level: false, tracks: false, reasons: [] }),
    /** How sure the level is (1: written by the author); the boosts scale with it (ADR-0031). */
    confidence: doublePrecision("confidence").notNull().default(1),
    body: text("body").notNull(),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(section, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')`,
      ),
    indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("content_chunk_search_idx").using("gin", table.search),
    index("content_chunk_doc_idx").on(table.docId),
    index("content_chunk_chapter_idx").on(table.chapter),
    // Insights' reading trigger finds a marked section's chapter by its url (ADR-0021).
    index("content_chunk_url_idx").on(table.url),
  ],
);

/** What readers asked for, for the book's authors. Guests' query text is not kept. */
export const personalizationEvent = pgTable(
  "personalization_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    userId: text("user_id"),
    query: text("query"),
    chapter: text("chapter"),
    /**
     * Target level per track that weighted the ranking, sealed like the profile (it is derived
     * from the background, so it is never stored readable); null for guests.
     */
    targetLevelsSealed: text("target_levels_sealed"),
    engine: text("engine").notNull(),
    resultCount: integer("result_count").notNull(),
    latencyMs: real("latency_ms").notNull(),
  },
  (table) => [index("personalization_event_time_idx").on(table.occurredAt)],
);

/**
 * Which sections of the book a reader has read (DESIGN "Reading progress"). One row per reader
 * and section url (without `#anchor` for a whole doc, with it for a section); the latest `at`
 * the book sent wins, so replays and out-of-order batches are harmless.
 */
export const readingProgress = pgTable(
  "reading_progress",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    state: text("state", { enum: ["read", "unread"] }).notNull(),
    /** When the reader's browser saw the change (the book's `at`), not when it reached us. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.url] }), index("reading_progress_url_idx").on(table.url)],
);

/**
 * One "Was this helpful?" answer per reader and section; a new answer replaces the old. The
 * reader's target levels and comment are sealed like the personalization events (ADR-0012, ADR-0034).
 */
export const sectionFeedback = pgTable(
  "section_feedback",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    helpful: boolean("helpful").notNull(),
    reason: text("reason", { enum: ["too_hard", "too_easy", "unclear", "outdated", "other"] }),
    /** Comments from before they were sealed; start-up seals them into comment_sealed and empties this (ADR-0034). */
    commentPlaintext: text("comment"),
    commentSealed: text("comment_sealed"),
    targetLevelsSealed: text("target_levels_sealed"),
    ...timestamps,
  },
  (table) => [primaryKey({ columns: [table.userId, table.url] }), index("section_feedback_url_idx").on(table.url)],
);

// ── Authors' insights: counters kept at write time (ADR-0021) ─────────────────────────────
// Aggregates only: no table below names a reader except the search marker, which cascades.

/** Readers per background answer (question × answer), moved as backgrounds are written. */
export const insightsAnswerCount = pgTable(
  "insights_answer_count",
  {
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    readers: integer("readers").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.question, table.answer] })],
);

/** Signed-in readers' searches per normalised query text. */
export const insightsSearch = pgTable("insights_search", {
  query: text("query").primaryKey(),
  searches: integer("searches").notNull().default(0),
  results: bigint("results", { mode: "number" }).notNull().default(0),
  readers: integer("readers").notNull().default(0),
});

/** Which reader already asked a query, so a reader counts once; goes with the account. */
export const insightsSearchReader = pgTable(
  "insights_search_reader",
  {
    query: text("query").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** How often this reader asked it: a release counts at most a few per reader (ADR-0029). */
    searches: integer("searches").notNull().default(1),
    /** Results those searches found, so a release can clip each reader's average (ADR-0029). */
    results: integer("results").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.query, table.userId] })],
);

/** Readers of a query per "<track>:<target level>" (first time each reader asked it). */
export const insightsSearchCohort = pgTable(
  "insights_search_cohort",
  {
    query: text("query").notNull(),
    cohort: text("cohort").notNull(),
    readers: integer("readers").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.query, table.cohort] })],
);

/** Current feedback answers per section, reason and "<track>:<target level>". */
export const insightsFeedbackCohort = pgTable(
  "insights_feedback_cohort",
  {
    url: text("url").notNull(),
    reason: text("reason").notNull(),
    cohort: text("cohort").notNull(),
    readers: integer("readers").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.url, table.reason, table.cohort] })],
);

/** SC-001: seconds from serving /sign-up to the account existing; no reader attached. */
export const insightsSignupTime = pgTable("insights_signup_time", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  seconds: real("seconds").notNull(),
});

/**
 * Released insights (ADR-0029): what authors see, with noise, recomputed once a period. One row
 * per period: instances racing to release the same period insert one, the others read it.
 */
export const insightsRelease = pgTable(
  "insights_release",
  {
    periodStart: timestamp("period_start", { withTimezone: true }).primaryKey(),
    releasedAt: timestamp("released_at", { withTimezone: true }).notNull().defaultNow(),
    epsilon: real("epsilon").notNull(),
    figures: jsonb("figures").notNull(),
  },
  (table) => [index("insights_release_released_at_idx").on(table.releasedAt)],
);

/**
 * Sections of a chapter each reader has marked read, kept by a trigger on reading_progress
 * (migration 0005), so the chapter funnel reads one row per reader and chapter, not every mark.
 */
export const insightsChapterReader = pgTable(
  "insights_chapter_reader",
  {
    chapter: text("chapter").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    sectionsRead: integer("sections_read").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chapter, table.userId] })],
);
