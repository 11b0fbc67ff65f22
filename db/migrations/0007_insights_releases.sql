CREATE TABLE "insights_release" (
	"period_start" timestamp with time zone PRIMARY KEY NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"epsilon" real NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insights_search_reader" ADD COLUMN "searches" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "insights_search_reader" ADD COLUMN "results" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "insights_release_released_at_idx" ON "insights_release" USING btree ("released_at");--> statement-breakpoint
-- Rows counted before this migration: each reader is taken to have asked once, at the query's average (ADR-0029).
UPDATE "insights_search_reader" r SET "results" = round(s."results"::float8 / greatest(s."searches", 1)) FROM "insights_search" s WHERE s."query" = r."query";
