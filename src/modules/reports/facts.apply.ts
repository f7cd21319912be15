import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { FACT_COLUMNS, SPAN_COLUMNS, factsQuery, spansQuery, syncKeys } from './facts.sql.ts';

const list = (columns: readonly string[], prefix = '') => sql.raw(columns.map((c) => `${prefix}${c}`).join(', '));
const FACT_KEY = ['ticket_no', 'kind', 'ord'] as const;
const SPAN_KEY = ['ticket_no', 'ord'] as const;
const FACT_VALUES = FACT_COLUMNS.filter((c) => !(FACT_KEY as readonly string[]).includes(c));
const SPAN_VALUES = SPAN_COLUMNS.filter((c) => !(SPAN_KEY as readonly string[]).includes(c));
const DAILY_KEY = ['kind', 'outcome', 'detail', 'type', 'channel', 'priority', 'language'] as const;

/**
 * Brings the facts and spans of the scoped tickets to what the source tables say now, and the
 * daily rollup by the difference: what was there and is no longer (or changed) is subtracted,
 * what is new (or changed) is added. Run twice, or after a redelivery, it finds no difference
 * and changes nothing: that is what makes the rollup exact under replays. One writer at a time
 * (the caller holds the subscriber's cursor row), inside the caller's transaction.
 */
export async function refreshTickets(tx: Executor, scope: SQL): Promise<void> {
  await tx.execute(syncKeys);
  const stale = sql`SELECT f.* FROM report_facts f WHERE f.ticket_no IN (SELECT k.number FROM tickets k WHERE ${scope})`;
  await tx.execute(sql`
    WITH fresh (${list(FACT_COLUMNS)}) AS MATERIALIZED (${factsQuery(scope)}),
    stale AS MATERIALIZED (${stale}),
    added AS (
      SELECT n.* FROM fresh n LEFT JOIN stale o USING (${list(FACT_KEY)})
      WHERE o.ticket_no IS NULL OR (${list(FACT_VALUES, 'n.')}) IS DISTINCT FROM (${list(FACT_VALUES, 'o.')})
    ),
    removed AS (
      SELECT o.*, n.ticket_no IS NULL AS gone FROM stale o LEFT JOIN fresh n USING (${list(FACT_KEY)})
      WHERE n.ticket_no IS NULL OR (${list(FACT_VALUES, 'n.')}) IS DISTINCT FROM (${list(FACT_VALUES, 'o.')})
    ),
    deleted AS (
      DELETE FROM report_facts f USING removed r
      WHERE r.gone AND (f.ticket_no, f.kind, f.ord) = (r.ticket_no, r.kind, r.ord)
    ),
    upserted AS (
      INSERT INTO report_facts (${list(FACT_COLUMNS)}) SELECT ${list(FACT_COLUMNS)} FROM added
      ON CONFLICT (${list(FACT_KEY)}) DO UPDATE SET ${sql.raw(FACT_VALUES.map((c) => `${c} = excluded.${c}`).join(', '))}
    ),
    delta AS (
      SELECT 1 AS sign, ${list(FACT_COLUMNS)} FROM added
      UNION ALL
      SELECT -1, ${list(FACT_COLUMNS)} FROM removed
    )
    ${dailyUpsert(sql`delta`)}`);

  const staleSpans = sql`SELECT s.* FROM report_spans s WHERE s.ticket_no IN (SELECT k.number FROM tickets k WHERE ${scope})`;
  await tx.execute(sql`
    WITH fresh (${list(SPAN_COLUMNS)}) AS MATERIALIZED (${spansQuery(scope)}),
    stale AS MATERIALIZED (${staleSpans}),
    deleted AS (
      DELETE FROM report_spans f USING stale o
      WHERE (f.ticket_no, f.ord) = (o.ticket_no, o.ord) AND NOT EXISTS (SELECT 1 FROM fresh n WHERE (n.ticket_no, n.ord) = (o.ticket_no, o.ord))
    )
    INSERT INTO report_spans (${list(SPAN_COLUMNS)})
    SELECT n.* FROM fresh n LEFT JOIN stale o USING (${list(SPAN_KEY)})
    WHERE o.ticket_no IS NULL OR (${list(SPAN_VALUES, 'n.')}) IS DISTINCT FROM (${list(SPAN_VALUES, 'o.')})
    ON CONFLICT (${list(SPAN_KEY)}) DO UPDATE SET ${sql.raw(SPAN_VALUES.map((c) => `${c} = excluded.${c}`).join(', '))}`);
}

/** Adds signed facts (a relation with `sign` and the fact columns) to the daily rollup. */
function dailyUpsert(signed: SQL): SQL {
  return sql`
    INSERT INTO report_daily (day, ${list(DAILY_KEY)}, n, calendar_ms, business_ms, timed)
    SELECT (d.at AT TIME ZONE 'UTC')::date, ${list(DAILY_KEY, 'd.')}, sum(d.sign)::int,
      coalesce(sum(d.sign * d.calendar_ms), 0)::bigint, coalesce(sum(d.sign * d.business_ms), 0)::bigint,
      sum(d.sign * (d.calendar_ms IS NOT NULL)::int)::int
    FROM ${signed} d
    GROUP BY 1, ${list(DAILY_KEY, 'd.')}
    ON CONFLICT (day, ${list(DAILY_KEY)}) DO UPDATE SET
      n = report_daily.n + excluded.n, calendar_ms = report_daily.calendar_ms + excluded.calendar_ms,
      business_ms = report_daily.business_ms + excluded.business_ms, timed = report_daily.timed + excluded.timed`;
}

/**
 * Rebuilds everything from the source tables in ranges of ticket numbers (seed:bulk): faster
 * than differences, for an empty start. `onProgress` hears how far it has got.
 */
export async function rebuildAll(db: Executor, options: { chunk?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<void> {
  const chunk = options.chunk ?? 100_000;
  await db.execute(sql`TRUNCATE report_facts, report_daily, report_spans`);
  await db.execute(syncKeys);
  const { rows } = await db.execute<{ lo: string | null; hi: string | null }>(sql`SELECT min(number)::text AS lo, max(number)::text AS hi FROM tickets`);
  const lo = Number(rows[0]?.lo ?? 1);
  const hi = Number(rows[0]?.hi ?? 0);
  for (let start = lo; start <= hi; start += chunk) {
    const scope = sql`k.number >= ${start} AND k.number < ${start + chunk}`;
    await db.execute(sql`INSERT INTO report_facts (${list(FACT_COLUMNS)}) ${factsQuery(scope)}`);
    await db.execute(sql`INSERT INTO report_spans (${list(SPAN_COLUMNS)}) ${spansQuery(scope)}`);
    options.onProgress?.(Math.min(start + chunk, hi + 1) - lo, hi - lo + 1);
  }
  await db.execute(sql`WITH delta AS (SELECT 1 AS sign, f.* FROM report_facts f) ${dailyUpsert(sql`delta`)}`);
}
