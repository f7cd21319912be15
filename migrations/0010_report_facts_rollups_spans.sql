CREATE TABLE "report_backfill" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"next_ticket_no" bigint DEFAULT 0 NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report_daily" (
	"day" date NOT NULL,
	"kind" smallint NOT NULL,
	"outcome" smallint NOT NULL,
	"detail" smallint NOT NULL,
	"type" smallint NOT NULL,
	"channel" smallint NOT NULL,
	"priority" smallint NOT NULL,
	"language" smallint NOT NULL,
	"n" integer NOT NULL,
	"calendar_ms" bigint NOT NULL,
	"business_ms" bigint NOT NULL,
	"timed" integer NOT NULL,
	CONSTRAINT "report_daily_pkey" PRIMARY KEY("day","kind","outcome","detail","type","channel","priority","language")
);
--> statement-breakpoint
CREATE TABLE "report_facts" (
	"ticket_no" bigint NOT NULL,
	"kind" smallint NOT NULL,
	"ord" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" smallint NOT NULL,
	"channel" smallint NOT NULL,
	"priority" smallint NOT NULL,
	"language" smallint NOT NULL,
	"team" integer NOT NULL,
	"agent" integer NOT NULL,
	"outcome" smallint NOT NULL,
	"detail" smallint NOT NULL,
	"calendar_ms" bigint,
	"business_ms" bigint,
	CONSTRAINT "report_facts_pkey" PRIMARY KEY("ticket_no","kind","ord")
);
--> statement-breakpoint
CREATE TABLE "report_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ref" text NOT NULL,
	CONSTRAINT "report_keys_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "report_spans" (
	"ticket_no" bigint NOT NULL,
	"ord" integer NOT NULL,
	"status" smallint NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"type" smallint NOT NULL,
	"channel" smallint NOT NULL,
	"priority" smallint NOT NULL,
	"language" smallint NOT NULL,
	"team" integer NOT NULL,
	"agent" integer NOT NULL,
	CONSTRAINT "report_spans_pkey" PRIMARY KEY("ticket_no","ord")
);
--> statement-breakpoint
CREATE INDEX "report_facts_kind_at_idx" ON "report_facts" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "report_facts_agent_idx" ON "report_facts" USING btree ("agent","kind","at");--> statement-breakpoint
CREATE INDEX "report_facts_team_idx" ON "report_facts" USING btree ("team","kind","at");--> statement-breakpoint
CREATE INDEX "report_spans_during_idx" ON "report_spans" USING gist (tstzrange("since", "until"));--> statement-breakpoint
CREATE INDEX "report_spans_since_idx" ON "report_spans" USING btree ("since");