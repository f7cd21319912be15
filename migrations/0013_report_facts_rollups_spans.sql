CREATE TABLE "report_backfill" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"next_ticket_no" bigint DEFAULT 0 NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone
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
CREATE TABLE "report_rollups" (
	"grain" smallint NOT NULL,
	"slot" date NOT NULL,
	"kind" smallint NOT NULL,
	"dim" smallint NOT NULL,
	"value" integer NOT NULL,
	"outcome" smallint NOT NULL,
	"detail" smallint NOT NULL,
	"n" integer NOT NULL,
	"calendar_ms" bigint NOT NULL,
	"business_ms" bigint NOT NULL,
	"timed" integer NOT NULL,
	"calendar_hist" jsonb,
	"business_hist" jsonb,
	CONSTRAINT "report_rollups_pkey" PRIMARY KEY("grain","kind","dim","slot","value","outcome","detail")
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
-- Covering (drizzle cannot say INCLUDE): a period of facts is an index-only scan.
CREATE INDEX "report_facts_kind_at_idx" ON "report_facts" USING btree ("kind","at") INCLUDE ("type","channel","priority","language","team","agent","outcome","detail","calendar_ms","business_ms");--> statement-breakpoint
CREATE INDEX "report_facts_agent_idx" ON "report_facts" USING btree ("agent","kind","at");--> statement-breakpoint
CREATE INDEX "report_facts_team_idx" ON "report_facts" USING btree ("team","kind","at");--> statement-breakpoint
CREATE INDEX "report_spans_during_idx" ON "report_spans" USING gist (tstzrange("since", "until"));--> statement-breakpoint
CREATE INDEX "report_spans_since_idx" ON "report_spans" USING btree ("since");--> statement-breakpoint
-- Histograms of the rollups ({ bin: count }) add bin by bin; bins that reach 0 go.
CREATE FUNCTION report_hist_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE (
    SELECT coalesce(jsonb_object_agg(k, s), '{}'::jsonb)
    FROM (SELECT k, sum(v::int) AS s FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) AS x(k, v) GROUP BY k HAVING sum(v::int) <> 0) AS y
  ) END
$$;
