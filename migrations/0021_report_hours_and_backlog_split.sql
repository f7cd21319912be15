ALTER TABLE "report_rollups" ALTER COLUMN "slot" SET DATA TYPE timestamp;--> statement-breakpoint
-- The key covers the counts (drizzle cannot say INCLUDE): counting reads are index-only scans.
-- Rollup rows are wide (their histograms), so a month of hours read through the table touched a
-- page per row (28,000 pages for a 30-day report by channel, 140 ms; index-only, a few hundred).
ALTER TABLE "report_rollups" DROP CONSTRAINT "report_rollups_pkey";--> statement-breakpoint
ALTER TABLE "report_rollups" ADD CONSTRAINT "report_rollups_pkey" PRIMARY KEY ("grain","kind","dim","slot","value","outcome","detail") INCLUDE ("n","calendar_ms","business_ms","timed");--> statement-breakpoint
-- Rollups of the facts there are, in the grains this migration adds (the running code writes
-- them for new facts; facts.apply.ts rollupUpsert, bin formula of histogram.ts binSql): per UTC
-- hour (grain 0) for none and the four enum dimensions, and per UTC day (grain 1) for the pairs
-- type x team (dim 10) and type x agent (dim 11), packed as first * 65536 + second. Existing day
-- and month rows keep their slots, now as timestamps.
WITH f AS MATERIALIZED (
  SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AS hour, date_trunc('day', at AT TIME ZONE 'UTC') AS day,
    kind, outcome, detail, type, channel, priority, language, team, agent, calendar_ms, business_ms
  FROM report_facts
),
d AS (
  SELECT f.*, x.grain, x.slot, x.dim, x.value FROM f
  CROSS JOIN LATERAL (VALUES
    (0::smallint, f.hour, 0::smallint, 0), (0::smallint, f.hour, 1::smallint, f.type::int), (0::smallint, f.hour, 2::smallint, f.channel::int),
    (0::smallint, f.hour, 3::smallint, f.priority::int), (0::smallint, f.hour, 4::smallint, f.language::int),
    (1::smallint, f.day, 10::smallint, CASE WHEN f.type < 32768 AND f.team < 32768 THEN f.type::int * 65536 + f.team::int ELSE -1 END),
    (1::smallint, f.day, 11::smallint, CASE WHEN f.type < 32768 AND f.agent < 32768 THEN f.type::int * 65536 + f.agent::int ELSE -1 END)
  ) AS x(grain, slot, dim, value)
),
sums AS (
  SELECT grain, slot, kind, dim, value, outcome, detail, count(*)::int AS n, coalesce(sum(calendar_ms), 0)::bigint AS calendar_ms,
    coalesce(sum(business_ms), 0)::bigint AS business_ms, count(calendar_ms)::int AS timed
  FROM d GROUP BY 1, 2, 3, 4, 5, 6, 7
),
binned AS (
  SELECT grain, slot, kind, dim, value, outcome, detail, c.clock, c.bin, count(*)::int AS n
  FROM d CROSS JOIN LATERAL (VALUES
    ('c', CASE WHEN d.calendar_ms < 1000 THEN 0 ELSE least(179, 1 + floor(ln(d.calendar_ms::float8 / 1000) / 0.09531017980432493)::int) END),
    ('b', CASE WHEN d.business_ms < 1000 THEN 0 ELSE least(179, 1 + floor(ln(d.business_ms::float8 / 1000) / 0.09531017980432493)::int) END)) AS c(clock, bin)
  WHERE d.calendar_ms IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
),
hists AS (
  SELECT grain, slot, kind, dim, value, outcome, detail,
    jsonb_object_agg(bin::text, n) FILTER (WHERE clock = 'c') AS calendar_hist, jsonb_object_agg(bin::text, n) FILTER (WHERE clock = 'b') AS business_hist
  FROM binned GROUP BY 1, 2, 3, 4, 5, 6, 7
)
INSERT INTO "report_rollups" (grain, slot, kind, dim, value, outcome, detail, n, calendar_ms, business_ms, timed, calendar_hist, business_hist)
SELECT s.grain, s.slot, s.kind, s.dim, s.value, s.outcome, s.detail, s.n, s.calendar_ms, s.business_ms, s.timed, h.calendar_hist, h.business_hist
FROM sums s LEFT JOIN hists h USING (grain, slot, kind, dim, value, outcome, detail);--> statement-breakpoint
DROP INDEX "report_spans_during_idx";--> statement-breakpoint
-- Both covering (drizzle cannot say INCLUDE): the backlog reads them index-only. The GiST one
-- includes since and until as well, or the planner would not see that it can skip the table.
CREATE INDEX "report_spans_ended_idx" ON "report_spans" USING gist (tstzrange("since", "until")) INCLUDE ("since","until","opened_at","status","type","channel","priority","language","team","agent") WHERE "report_spans"."until" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "report_spans_running_idx" ON "report_spans" USING btree ("since") INCLUDE ("until","opened_at","status","type","channel","priority","language","team","agent") WHERE "report_spans"."until" IS NULL;
