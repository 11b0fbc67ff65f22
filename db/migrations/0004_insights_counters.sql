CREATE TABLE "insights_answer_count" (
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"readers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insights_answer_count_question_answer_pk" PRIMARY KEY("question","answer")
);
--> statement-breakpoint
CREATE TABLE "insights_feedback_cohort" (
	"url" text NOT NULL,
	"reason" text NOT NULL,
	"cohort" text NOT NULL,
	"readers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insights_feedback_cohort_url_reason_cohort_pk" PRIMARY KEY("url","reason","cohort")
);
--> statement-breakpoint
CREATE TABLE "insights_search" (
	"query" text PRIMARY KEY NOT NULL,
	"searches" integer DEFAULT 0 NOT NULL,
	"results" bigint DEFAULT 0 NOT NULL,
	"readers" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insights_search_cohort" (
	"query" text NOT NULL,
	"cohort" text NOT NULL,
	"readers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insights_search_cohort_query_cohort_pk" PRIMARY KEY("query","cohort")
);
--> statement-breakpoint
CREATE TABLE "insights_search_reader" (
	"query" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "insights_search_reader_query_user_id_pk" PRIMARY KEY("query","user_id")
);
--> statement-breakpoint
CREATE TABLE "insights_signup_time" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seconds" real NOT NULL
);
--> statement-breakpoint
ALTER TABLE "insights_search_reader" ADD CONSTRAINT "insights_search_reader_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_sign_in_idx" ON "audit_event" USING btree ("user_id","occurred_at","event") WHERE "audit_event"."event" in ('sign_in', 'sign_in_failed');