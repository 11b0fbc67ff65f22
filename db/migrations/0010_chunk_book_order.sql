ALTER TABLE "content_chunk" ADD COLUMN "book_order" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "content_chunk" ADD COLUMN "chapter_label" text DEFAULT '' NOT NULL;