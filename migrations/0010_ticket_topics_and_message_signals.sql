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
ALTER TABLE "message_signals" ADD CONSTRAINT "message_signals_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_signals" ADD CONSTRAINT "message_signals_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_topics" ADD CONSTRAINT "ticket_topics_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_signals_received_idx" ON "message_signals" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "message_signals_ticket_idx" ON "message_signals" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_topics_received_idx" ON "ticket_topics" USING btree ("received_at","type","topic","negative");--> statement-breakpoint
CREATE INDEX "ticket_topics_topic_idx" ON "ticket_topics" USING btree ("topic","received_at");