CREATE TABLE "insights_release" (
	"period_start" timestamp with time zone PRIMARY KEY NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"epsilon" real NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insights_search_reader" ADD COLUMN "searches" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "insights_release_released_at_idx" ON "insights_release" USING btree ("released_at");