CREATE TABLE "macros" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"team_id" text,
	"ticket_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"reply" jsonb,
	"visibility" text DEFAULT 'public' NOT NULL,
	"status" text,
	"priority" text,
	"add_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"remove_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_terms" (
	"type" text NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "suggestion_terms_type_term_pk" PRIMARY KEY("type","term")
);
--> statement-breakpoint
CREATE TABLE "suggestion_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"signature" text NOT NULL,
	"terms" text[] NOT NULL,
	"tickets" integer NOT NULL,
	"ticket_id" text NOT NULL,
	"ticket_number" integer NOT NULL,
	"subject" text NOT NULL,
	"replies" jsonb NOT NULL,
	"solved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_indexed" (
	"ticket_id" text PRIMARY KEY NOT NULL,
	"answer_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suggestion_shows" (
	"ticket_id" text NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"rank" integer NOT NULL,
	"shown_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_type" text,
	"used_by_id" text,
	CONSTRAINT "suggestion_shows_ticket_id_ref_pk" PRIMARY KEY("ticket_id","ref")
);
--> statement-breakpoint
CREATE TABLE "published_outcomes" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"type" text NOT NULL,
	"note" text NOT NULL,
	"topic" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_by_type" text NOT NULL,
	"published_by_id" text,
	CONSTRAINT "published_outcomes_ticket_id_unique" UNIQUE("ticket_id")
);
--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_outcomes" ADD CONSTRAINT "published_outcomes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "macros_created_idx" ON "macros" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "macros_team_idx" ON "macros" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suggestion_answers_signature_idx" ON "suggestion_answers" USING btree ("type","signature");--> statement-breakpoint
CREATE INDEX "suggestion_answers_terms_idx" ON "suggestion_answers" USING gin ("terms");--> statement-breakpoint
CREATE INDEX "suggestion_shows_shown_idx" ON "suggestion_shows" USING btree ("shown_at");--> statement-breakpoint
CREATE INDEX "published_outcomes_published_idx" ON "published_outcomes" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "published_outcomes_type_idx" ON "published_outcomes" USING btree ("type","published_at");