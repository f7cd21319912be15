import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { filterSql, type ResolvedFilters } from './fact-filters.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Age bands of an open ticket (time since it was created), youngest first; a band is [lower, next lower). */
export const AGE_BANDS = [
  { band: 'under_1h', lowerMs: 0 },
  { band: '1h_4h', lowerMs: HOUR },
  { band: '4h_24h', lowerMs: 4 * HOUR },
  { band: '1d_3d', lowerMs: DAY },
  { band: '3d_7d', lowerMs: 3 * DAY },
  { band: '7d_30d', lowerMs: 7 * DAY },
  { band: 'over_30d', lowerMs: 30 * DAY },
] as const;

export interface BacklogRow {
  /** index of the instant */
  at: number;
  status: number;
  band: number;
  n: number;
}

/**
 * Open tickets as each instant is reached (the end of a bucket: what was open just before it,
 * so a ticket created at the very instant the next bucket starts belongs to that one), by status
 * and age band: the stretches (report_spans) that contain it, found through the GiST index on
 * their [since, until) range. Each instant costs about the backlog then, whatever the history.
 */
export async function backlogAt(db: Executor, q: { instants: readonly Date[]; filters: ResolvedFilters }): Promise<BacklogRow[]> {
  if (q.instants.length === 0) return [];
  if (q.instants.length > SWEEP_FROM) return sweep(db, q);
  const band = sql.raw(
    `CASE ${[...AGE_BANDS].reverse().map((b, i) => `WHEN e.at - s.opened_at >= interval '${b.lowerMs} milliseconds' THEN ${AGE_BANDS.length - 1 - i}`).join(' ')} ELSE 0 END`,
  );
  const { rows } = await db.execute<{ i: string; status: number; band: number; n: number }>(sql`
    SELECT e.i, s.status, ${band} AS band, count(*)::int AS n
    FROM unnest(${sql.param(q.instants.map((d) => d.toISOString()))}::timestamptz[]) WITH ORDINALITY AS e(at, i)
    JOIN report_spans s ON tstzrange(s.since, s.until) @> (e.at - interval '1 microsecond')
    WHERE ${filterSql(q.filters, 's')}
    GROUP BY 1, 2, 3`);
  return rows.map((r) => ({ at: Number(r.i) - 1, status: Number(r.status), band: Number(r.band), n: Number(r.n) }));
}

/** Past this many instants one pass over the stretches beats a lookup per instant. */
export const SWEEP_FROM = 40;

/**
 * The same counts in one pass over the stretches that overlap the instants (many instants: an
 * hour's buckets over a week): each stretch, in each age band it passes through, covers a run of
 * consecutive instants, found by binary search in the sorted instants (width_bucket); a +1 at the
 * run's start and a −1 after its end, summed in order, give the count at every instant.
 * Same rule as backlogAt: open at T when since < T ≤ until, aged T − opened.
 */
async function sweep(db: Executor, q: { instants: readonly Date[]; filters: ResolvedFilters }): Promise<BacklogRow[]> {
  const n = q.instants.length;
  const ends = sql`${sql.param(q.instants.map((d) => d.toISOString()))}::timestamptz[]`;
  const lowers = sql`${sql.param(AGE_BANDS.map((b) => `${b.lowerMs} milliseconds`))}::interval[]`;
  const first = q.instants[0]!.toISOString();
  const last = q.instants[n - 1]!.toISOString();
  const { rows } = await db.execute<{ status: number; band: number; k: number; d: string }>(sql`
    WITH spans AS (
      SELECT s.status, s.since, s.until, s.opened_at FROM report_spans s
      WHERE tstzrange(s.since, s.until) && tstzrange(${first}::timestamptz - interval '1 microsecond', ${last}::timestamptz, '[]') AND ${filterSql(q.filters, 's')}
    ),
    runs AS (
      SELECT s.status, b.band,
        1 + greatest(width_bucket(s.since, ${ends}), width_bucket(s.opened_at + (${lowers})[b.band + 1] - interval '1 microsecond', ${ends})) AS k_from,
        least(CASE WHEN s.until IS NULL THEN ${n} ELSE width_bucket(s.until, ${ends}) END,
              CASE WHEN b.band + 2 > ${AGE_BANDS.length} THEN ${n} ELSE width_bucket(s.opened_at + (${lowers})[b.band + 2] - interval '1 microsecond', ${ends}) END) AS k_to
      FROM spans s
      CROSS JOIN LATERAL generate_series(
        greatest(0, width_bucket(greatest(s.since, ${first}::timestamptz) - s.opened_at, ${lowers}) - 1),
        greatest(0, width_bucket(least(coalesce(s.until, ${last}::timestamptz), ${last}::timestamptz) - s.opened_at, ${lowers}) - 1)) AS b(band)
    )
    SELECT status, band, k, sum(d)::bigint AS d FROM (
      SELECT status, band, k_from AS k, 1 AS d FROM runs WHERE k_from <= k_to
      UNION ALL
      SELECT status, band, k_to + 1, -1 FROM runs WHERE k_from <= k_to
    ) AS x
    GROUP BY 1, 2, 3`);
  const steps = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.status}|${row.band}`;
    const diff = steps.get(key) ?? steps.set(key, new Array<number>(n + 2).fill(0)).get(key)!;
    diff[Number(row.k)]! += Number(row.d);
  }
  const out: BacklogRow[] = [];
  for (const [key, diff] of steps) {
    const [status, band] = key.split('|').map(Number) as [number, number];
    let running = 0;
    for (let k = 1; k <= n; k++) {
      running += diff[k]!;
      if (running) out.push({ at: k - 1, status, band, n: running });
    }
  }
  return out;
}
