CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"survey_id" text NOT NULL,
	"rating" smallint NOT NULL,
	"comment" text,
	"reasons" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"language" text NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"rating" smallint,
	"comment" text,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"answered_at" timestamp with time zone,
	"ticket_type" text,
	"channel" text NOT NULL,
	"agent_id" text,
	"team_id" text,
	"sla_outcome" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "no_survey" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("survey_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_ticket_idx" ON "surveys" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "surveys_customer_idx" ON "surveys" USING btree ("customer_id","sent_at");--> statement-breakpoint
CREATE INDEX "surveys_due_idx" ON "surveys" USING btree ("send_at") WHERE "surveys"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "surveys_sent_idx" ON "surveys" USING btree ("sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_one_open_key" ON "surveys" USING btree ("ticket_id") WHERE "surveys"."status" IN ('scheduled', 'sent');