CREATE TABLE "classification_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"model_type" text NOT NULL,
	"model_version" text NOT NULL,
	"model_confidence" real NOT NULL,
	"previous_type" text,
	"agent_type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "classification_corrections" ADD CONSTRAINT "classification_corrections_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_corrections_created_idx" ON "classification_corrections" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "classification_corrections_ticket_idx" ON "classification_corrections" USING btree ("ticket_id");