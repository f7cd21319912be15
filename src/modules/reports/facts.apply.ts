import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { FACT_COLUMNS, SPAN_COLUMNS, factsQuery, spansQuery, syncKeys } from './facts.sql.ts';
import { binSql } from './histogram.ts';
import { DAILY_PAIRS, dimCode, GRAINS, HOURLY_DIMS, PAIR_KEY_LIMIT, PAIR_SHIFT, ROLLUP_DIMS, ROLLUP_PAIRS } from './dimensions.ts';

const list = (columns: readonly string[], prefix = '') => sql.raw(columns.map((c) => `${prefix}${c}`).join(', '));
const FACT_KEY = ['ticket_no', 'kind', 'ord'] as const;
const SPAN_KEY = ['ticket_no', 'ord'] as const;
const FACT_VALUES = FACT_COLUMNS.filter((c) => !(FACT_KEY as readonly string[]).includes(c));
const SPAN_VALUES = SPAN_COLUMNS.filter((c) => !(SPAN_KEY as readonly string[]).includes(c));
const ROLLUP_KEY = ['grain', 'slot', 'kind', 'dim', 'value', 'outcome', 'detail'] as const;

/**
 * Brings the facts and spans of the scoped tickets to what the source tables say now, and the
 * rollups by the difference: what was there and is no longer (or changed) is subtracted,
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
    ${rollupUpsert(sql`delta`)}`);

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

const DIM_COLUMNS = ROLLUP_DIMS;
/**
 * The rollups' grouping sets over `extra` columns: none and each dimension alone per UTC day and
 * month, none and the hourly dimensions per UTC hour, each pair of dimensions per UTC month, and
 * the daily pairs per UTC day (dimensions.ts grainKeeps says the same for the reads).
 */
const groupingSets = (extra: string) =>
  sql.raw(
    [
      ...['', ...HOURLY_DIMS.map((d) => `, ${d}`)].map((dim) => `(hour, kind, outcome, detail${dim}${extra})`),
      ...['day', 'month'].flatMap((grain) => ['', ...DIM_COLUMNS.map((d) => `, ${d}`)].map((dim) => `(${grain}, kind, outcome, detail${dim}${extra})`)),
      ...ROLLUP_PAIRS.map(([a, b]) => `(month, kind, outcome, detail, ${a}, ${b}${extra})`),
      ...DAILY_PAIRS.map(([a, b]) => `(day, kind, outcome, detail, ${a}, ${b}${extra})`),
    ].join(', '),
  );
const grouped = (d: string) => `GROUPING(${d}) = 0`;
const packed = (a: string, b: string) => `CASE WHEN ${a} < ${PAIR_KEY_LIMIT} AND ${b} < ${PAIR_KEY_LIMIT} THEN ${a}::int * ${PAIR_SHIFT} + ${b}::int ELSE -1 END`;
/** The rollup key of a grouped row: its grain and slot, and the dimensions it grouped by (dim 0: none). Pairs are tested first. */
const rollupKey = sql.raw(`
  CASE WHEN GROUPING(hour) = 0 THEN ${GRAINS.hour} WHEN GROUPING(day) = 0 THEN ${GRAINS.day} ELSE ${GRAINS.month} END::smallint AS grain,
  coalesce(hour, day, month) AS slot, kind,
  (CASE ${ROLLUP_PAIRS.map(([a, b]) => `WHEN ${grouped(a)} AND ${grouped(b)} THEN ${dimCode([a, b])}`).join(' ')}
        ${DIM_COLUMNS.map((d) => `WHEN ${grouped(d)} THEN ${dimCode([d])}`).join(' ')} ELSE 0 END)::smallint AS dim,
  (CASE ${ROLLUP_PAIRS.map(([a, b]) => `WHEN ${grouped(a)} AND ${grouped(b)} THEN ${packed(a, b)}`).join(' ')}
        ELSE coalesce(${DIM_COLUMNS.map((d) => `${d}::int`).join(', ')}, 0) END) AS value, outcome, detail`);

/**
 * Adds signed facts (a relation with `sign` and the fact columns) to the rollups: each fact counts
 * once per dimension (0: all, then type, channel, priority, language, team, agent) in its UTC day
 * and its UTC month, once per hourly dimension in its UTC hour, once per pair of dimensions in its
 * month and once per daily pair in its day, with its durations' bins. One pass of grouping sets,
 * not a row per copy.
 */
function rollupUpsert(signed: SQL): SQL {
  const key = list(ROLLUP_KEY);
  return sql`
    , signed AS MATERIALIZED (
      SELECT d.sign, date_trunc('hour', d.at AT TIME ZONE 'UTC') AS hour, date_trunc('day', d.at AT TIME ZONE 'UTC') AS day,
        date_trunc('month', d.at AT TIME ZONE 'UTC') AS month,
        d.kind, d.outcome, d.detail, ${list(DIM_COLUMNS, 'd.')}, d.calendar_ms, d.business_ms
      FROM ${signed} d
    ),
    sums AS (
      SELECT ${rollupKey}, sum(sign)::int AS n, coalesce(sum(sign * calendar_ms), 0)::bigint AS calendar_ms,
        coalesce(sum(sign * business_ms), 0)::bigint AS business_ms, sum(sign * (calendar_ms IS NOT NULL)::int)::int AS timed
      FROM signed GROUP BY GROUPING SETS (${groupingSets('')})
    ),
    binned AS (
      SELECT ${rollupKey}, clock, bin, sum(sign)::int AS n
      FROM (
        SELECT s.*, c.clock, c.bin FROM signed s
        CROSS JOIN LATERAL (VALUES ('c', ${binSql(sql`s.calendar_ms`)}), ('b', ${binSql(sql`s.business_ms`)})) AS c(clock, bin)
        WHERE s.calendar_ms IS NOT NULL
      ) AS y
      GROUP BY GROUPING SETS (${groupingSets(', clock, bin')})
      HAVING sum(sign) <> 0
    ),
    hists AS (
      SELECT ${key}, jsonb_object_agg(bin::text, n) FILTER (WHERE clock = 'c') AS calendar_hist, jsonb_object_agg(bin::text, n) FILTER (WHERE clock = 'b') AS business_hist
      FROM binned GROUP BY ${key}
    )
    INSERT INTO report_rollups (${key}, n, calendar_ms, business_ms, timed, calendar_hist, business_hist)
    SELECT ${list(ROLLUP_KEY, 's.')}, s.n, s.calendar_ms, s.business_ms, s.timed, h.calendar_hist, h.business_hist
    FROM sums s LEFT JOIN hists h USING (${key})
    ON CONFLICT (grain, kind, dim, slot, value, outcome, detail) DO UPDATE SET
      n = report_rollups.n + excluded.n, calendar_ms = report_rollups.calendar_ms + excluded.calendar_ms,
      business_ms = report_rollups.business_ms + excluded.business_ms, timed = report_rollups.timed + excluded.timed,
      calendar_hist = report_hist_add(report_rollups.calendar_hist, excluded.calendar_hist),
      business_hist = report_hist_add(report_rollups.business_hist, excluded.business_hist)`;
}

/**
 * Rebuilds everything from the source tables in ranges of ticket numbers (seed:bulk): faster
 * than differences, for an empty start. `onProgress` hears how far it has got.
 */
export async function rebuildAll(
  db: Executor,
  options: { chunk?: number; onProgress?: (done: number, total: number) => void; onRollups?: (done: number, total: number) => void } = {},
): Promise<void> {
  const chunk = options.chunk ?? 100_000;
  await db.execute(sql`TRUNCATE report_facts, report_rollups, report_spans`);
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
  await rebuildRollups(db, options.onRollups);
}

/** The rollups again from the facts, a UTC month at a time (each month's rows come from that month's facts alone). */
export async function rebuildRollups(db: Executor, onProgress?: (done: number, total: number) => void): Promise<void> {
  await db.execute(sql`TRUNCATE report_rollups`);
  const { rows } = await db.execute<{ month: string }>(sql`
    SELECT DISTINCT to_char(date_trunc('month', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month FROM report_facts ORDER BY 1`);
  for (const [i, { month }] of rows.entries()) {
    const delta = sql`(SELECT 1 AS sign, f.* FROM report_facts f WHERE f.at >= ${month}::timestamp AT TIME ZONE 'UTC' AND f.at < (${month}::timestamp + interval '1 month') AT TIME ZONE 'UTC')`;
    await db.execute(sql`WITH unused AS (SELECT 1) ${rollupUpsert(delta)}`);
    onProgress?.(i + 1, rows.length);
  }
}
