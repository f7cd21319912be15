CREATE TABLE "message_signals" (
	"message_id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"customer_id" text,
	"channel" text NOT NULL,
	"type" text,
	"negative" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_topics" (
	"ticket_id" text NOT NULL,
	"topic" text NOT NULL,
	"label" text NOT NULL,
	"product" boolean NOT NULL,
	"message_id" text NOT NULL,
	"customer_id" text,
	"channel" text NOT NULL,
	"type" text,
	"negative" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_topics_ticket_id_topic_pk" PRIMARY KEY("ticket_id","topic")
);
--> statement-breakpoint
CREATE TABLE "alert_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"alert_id" text NOT NULL,
	"change" text NOT NULL,
	"from_level" text,
	"to_level" text,
	"status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"note" text,
	"figures" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"version" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"subject_key" text NOT NULL,
	"keys" text[] NOT NULL,
	"level" text NOT NULL,
	"peak_level" text NOT NULL,
	"status" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"last_detected_at" timestamp with time zone NOT NULL,
	"pending_level" text,
	"pending_since" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_type" text,
	"acknowledged_by_id" text,
	"resolved_at" timestamp with time zone,
	"resolved_by_type" text,
	"resolved_by_id" text,
	"resolution" text,
	"evidence" jsonb NOT NULL,
	"rules_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_signals" ADD CONSTRAINT "message_signals_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_signals" ADD CONSTRAINT "message_signals_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_topics" ADD CONSTRAINT "ticket_topics_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_changes" ADD CONSTRAINT "alert_changes_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_signals_received_idx" ON "message_signals" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "message_signals_ticket_idx" ON "message_signals" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_topics_received_idx" ON "ticket_topics" USING btree ("received_at","type","topic","negative");--> statement-breakpoint
CREATE INDEX "ticket_topics_topic_idx" ON "ticket_topics" USING btree ("topic","received_at");--> statement-breakpoint
CREATE INDEX "alert_changes_alert_idx" ON "alert_changes" USING btree ("alert_id","seq");--> statement-breakpoint
CREATE INDEX "alerts_raised_idx" ON "alerts" USING btree ("raised_at","id");--> statement-breakpoint
CREATE INDEX "alerts_active_idx" ON "alerts" USING btree ("status") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_resolved_idx" ON "alerts" USING btree ("resolved_at") WHERE "alerts"."resolution" = 'manual';