CREATE TABLE "insights_chapter_reader" (
	"chapter" text NOT NULL,
	"user_id" text NOT NULL,
	"sections_read" integer NOT NULL,
	CONSTRAINT "insights_chapter_reader_chapter_user_id_pk" PRIMARY KEY("chapter","user_id")
);
--> statement-breakpoint
ALTER TABLE "insights_chapter_reader" ADD CONSTRAINT "insights_chapter_reader_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_chunk_url_idx" ON "content_chunk" USING btree ("url");--> statement-breakpoint
-- Keeps insights_chapter_reader in step with every write to reading_progress (the book's route,
-- a replay, an account's cascade): a section counts for its chapter while its state is 'read'.
CREATE FUNCTION "insights_count_chapter_read"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_read boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'read';
  is_read boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'read';
  section_chapter text;
BEGIN
  IF TG_OP = 'UPDATE' AND was_read = is_read AND OLD.url = NEW.url AND OLD.user_id = NEW.user_id THEN
    RETURN NULL;
  END IF;
  IF was_read THEN
    SELECT chapter INTO section_chapter FROM content_chunk WHERE url = OLD.url LIMIT 1;
    IF section_chapter IS NOT NULL THEN
      UPDATE insights_chapter_reader SET sections_read = sections_read - 1
        WHERE chapter = section_chapter AND user_id = OLD.user_id;
      DELETE FROM insights_chapter_reader
        WHERE chapter = section_chapter AND user_id = OLD.user_id AND sections_read <= 0;
    END IF;
  END IF;
  IF is_read THEN
    SELECT chapter INTO section_chapter FROM content_chunk WHERE url = NEW.url LIMIT 1;
    IF section_chapter IS NOT NULL THEN
      INSERT INTO insights_chapter_reader (chapter, user_id, sections_read) VALUES (section_chapter, NEW.user_id, 1)
        ON CONFLICT (chapter, user_id) DO UPDATE SET sections_read = insights_chapter_reader.sections_read + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "reading_progress_insights" AFTER INSERT OR UPDATE OR DELETE ON "reading_progress"
  FOR EACH ROW EXECUTE FUNCTION "insights_count_chapter_read"();
--> statement-breakpoint
-- Marks made before this migration.
INSERT INTO "insights_chapter_reader" ("chapter", "user_id", "sections_read")
  SELECT s.chapter, p.user_id, count(*) FROM "reading_progress" p
  JOIN (SELECT DISTINCT ON (url) url, chapter FROM "content_chunk" ORDER BY url, doc_id, position) s ON s.url = p.url
  WHERE p.state = 'read' GROUP BY s.chapter, p.user_id;
