CREATE TABLE "sla_pauses" (
	"id" text PRIMARY KEY NOT NULL,
	"target_id" text NOT NULL,
	"reason" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"conditions" jsonb NOT NULL,
	"targets" jsonb NOT NULL,
	"warning" jsonb,
	"escalations" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"policy_id" text,
	"metric" text NOT NULL,
	"cycle" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"within_ms" bigint NOT NULL,
	"warn_offset_ms" bigint,
	"business_hours" boolean NOT NULL,
	"calendar_id" text,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"paused_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"achieved_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"elapsed_ms" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_due" (
	"ticket_id" text PRIMARY KEY NOT NULL,
	"next_due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_calendars" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_pauses" ADD CONSTRAINT "sla_pauses_target_id_sla_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."sla_targets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_due" ADD CONSTRAINT "ticket_sla_due_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_pauses_target_idx" ON "sla_pauses" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "sla_policies_position_idx" ON "sla_policies" USING btree ("position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_ticket_metric_cycle_key" ON "sla_targets" USING btree ("ticket_id","metric","cycle");--> statement-breakpoint
CREATE INDEX "sla_targets_due_idx" ON "sla_targets" USING btree ("due_at") WHERE "sla_targets"."status" = 'active';--> statement-breakpoint
CREATE INDEX "sla_targets_warn_idx" ON "sla_targets" USING btree ("warn_at") WHERE "sla_targets"."status" = 'active' AND "sla_targets"."warned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "sla_targets_updated_idx" ON "sla_targets" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "sla_targets_started_idx" ON "sla_targets" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "ticket_sla_due_next_idx" ON "ticket_sla_due" USING btree ("next_due_at","ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_name_key" ON "business_calendars" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "events_sla_once_key" ON "events" USING btree (("data"->>'targetId'),"type") WHERE "events"."type" IN ('sla.warning', 'sla.breached');