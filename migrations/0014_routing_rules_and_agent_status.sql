CREATE TABLE "routing_cursors" (
	"team_id" text PRIMARY KEY NOT NULL,
	"last_agent_id" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"stop" boolean DEFAULT false NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "status" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "load_cap" integer;--> statement-breakpoint
ALTER TABLE "routing_cursors" ADD CONSTRAINT "routing_cursors_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_cursors" ADD CONSTRAINT "routing_cursors_last_agent_id_agents_id_fk" FOREIGN KEY ("last_agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("position","id");--> statement-breakpoint
CREATE INDEX "tickets_open_assignee_idx" ON "tickets" USING btree ("assignee_id") WHERE "tickets"."assignee_id" IS NOT NULL AND "tickets"."status" NOT IN ('solved', 'closed');--> statement-breakpoint
-- Seed (hand-written, as the SLA policies' and alert rules' seeds are): the leads' team the default
-- rule sends crisis complaints to, so a fresh install routes them somewhere from its first message
-- (add the leads as its members; rename it freely, the rule holds its id). An install that already
-- has a team of that name keeps it, and the rule points at it.
INSERT INTO "teams" ("id", "name", "description", "created_at", "updated_at")
VALUES ('team_leads', 'Leads', 'Team leads: complaints that threaten legal action, media exposure or safety (default routing rule)', now(), now())
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
-- The default routing rules (editable at /v1/routing-rules). Every matching rule applies, in position order.
INSERT INTO "routing_rules" ("id", "name", "position", "active", "stop", "conditions", "actions", "created_at", "updated_at") VALUES
('rtr_default_crisis', 'Complaints with legal, media or safety signals: urgent, to the leads', 10, true, false,
  '{"types": ["complaint"], "signals": ["legal_threat", "media_exposure", "safety"]}',
  jsonb_build_array(jsonb_build_object('type', 'set_priority', 'priority', 'urgent'), jsonb_build_object('type', 'assign_team', 'teamId', (SELECT "id" FROM "teams" WHERE "name" = 'Leads'))),
  now(), now()),
('rtr_default_review', 'Uncertain classifications: to the review queue (tag needs-review)', 20, true, false,
  '{"needsReview": true}',
  '[{"type": "send_to_review"}]',
  now(), now());
