CREATE TABLE "customer_erasures" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"erased_at" timestamp with time zone NOT NULL,
	"tickets" integer NOT NULL,
	"messages" integer NOT NULL,
	"identities" integer NOT NULL,
	"surveys" integer NOT NULL,
	"events" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "customer_erasures_erased_idx" ON "customer_erasures" USING btree ("erased_at");--> statement-breakpoint
CREATE INDEX "tickets_retention_idx" ON "tickets" USING btree ("closed_at") WHERE "tickets"."status" = 'closed' AND "tickets"."anonymised_at" IS NULL;