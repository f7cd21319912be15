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
ALTER TABLE "published_outcomes" ADD CONSTRAINT "published_outcomes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "published_outcomes_published_idx" ON "published_outcomes" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "published_outcomes_type_idx" ON "published_outcomes" USING btree ("type","published_at");