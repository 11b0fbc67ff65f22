-- Comments written before this migration stay in "comment" until start-up (or
-- `npm run profile:rotate-key`) seals each into "comment_sealed" and empties it: that data step
-- runs in TypeScript because the key is not in the database (lib/reading's sealed columns, ADR-0034).
ALTER TABLE "section_feedback" ADD COLUMN "comment_sealed" text;
