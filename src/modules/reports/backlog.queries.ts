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
 * and age band. Two kinds of stretches (report_spans), read two ways, add up to all of them:
 * - those that ended: found through the partial GiST index on their [since, until) range (one
 *   lookup per instant; for many instants, one sweep). They are mostly young and stored near
 *   each other, so each instant costs about the backlog of young tickets then;
 * - those still running (`until` null: never solved, often for months): few (thousands) but
 *   scattered over the whole table. They would cost a random page each per instant through the
 *   GiST index; instead one index-only sweep of the small partial index on their start.
 */
export async function backlogAt(db: Executor, q: { instants: readonly Date[]; filters: ResolvedFilters }): Promise<BacklogRow[]> {
  if (q.instants.length === 0) return [];
  const [ended, running] = await Promise.all([q.instants.length > SWEEP_FROM ? sweep(db, q, 'ended') : lookups(db, q), sweep(db, q, 'running')]);
  const sums = new Map<string, BacklogRow>();
  for (const row of [...ended, ...running]) {
    const key = `${row.at}|${row.status}|${row.band}`;
    const sum = sums.get(key);
    if (sum) sum.n += row.n;
    else sums.set(key, { ...row });
  }
  return [...sums.values()];
}

/** Instants per lookup statement: more are split over statements that run side by side (each lookup costs ~3 ms at 1M tickets). */
const LOOKUPS_PER_STATEMENT = 12;

/**
 * The stretches that ended, open at each instant: a GiST lookup per instant, index-only (the index
 * covers what is read). Many instants go to a few statements at once, so a month of days uses
 * more than one core instead of waiting on one.
 */
async function lookups(db: Executor, q: { instants: readonly Date[]; filters: ResolvedFilters }): Promise<BacklogRow[]> {
  const parts = Math.ceil(q.instants.length / LOOKUPS_PER_STATEMENT);
  const size = Math.ceil(q.instants.length / parts);
  const chunks = Array.from({ length: parts }, (_, k) => k * size);
  const results = await Promise.all(
    chunks.map(async (offset) => {
      const rows = await lookupChunk(db, q.instants.slice(offset, offset + size), q.filters);
      return rows.map((r) => ({ ...r, at: r.at + offset }));
    }),
  );
  return results.flat();
}

async function lookupChunk(db: Executor, instants: readonly Date[], filters: ResolvedFilters): Promise<BacklogRow[]> {
  const q = { instants, filters };
  const band = sql.raw(
    `CASE ${[...AGE_BANDS].reverse().map((b, i) => `WHEN e.at - s.opened_at >= interval '${b.lowerMs} milliseconds' THEN ${AGE_BANDS.length - 1 - i}`).join(' ')} ELSE 0 END`,
  );
  const { rows } = await db.execute<{ i: string; status: number; band: number; n: number }>(sql`
    SELECT e.i, s.status, ${band} AS band, count(*)::int AS n
    FROM unnest(${sql.param(q.instants.map((d) => d.toISOString()))}::timestamptz[]) WITH ORDINALITY AS e(at, i)
    JOIN report_spans s ON tstzrange(s.since, s.until) @> (e.at - interval '1 microsecond') AND s.until IS NOT NULL
    WHERE ${filterSql(q.filters, 's')}
    GROUP BY 1, 2, 3`);
  return rows.map((r) => ({ at: Number(r.i) - 1, status: Number(r.status), band: Number(r.band), n: Number(r.n) }));
}

/** Past this many instants one pass over the stretches beats a lookup per instant. */
export const SWEEP_FROM = 40;

/**
 * The same counts in one pass over the stretches (those that ended and overlap the instants, or
 * those still running that started before the last): each stretch, in each age band it passes through, covers a run of
 * consecutive instants, found by binary search in the sorted instants (width_bucket); a +1 at the
 * run's start and a −1 after its end, summed in order, give the count at every instant.
 * Same rule as backlogAt: open at T when since < T ≤ until, aged T − opened.
 */
async function sweep(db: Executor, q: { instants: readonly Date[]; filters: ResolvedFilters }, which: 'ended' | 'running'): Promise<BacklogRow[]> {
  const n = q.instants.length;
  const ends = sql`${sql.param(q.instants.map((d) => d.toISOString()))}::timestamptz[]`;
  const lowers = sql`${sql.param(AGE_BANDS.map((b) => `${b.lowerMs} milliseconds`))}::interval[]`;
  const first = q.instants[0]!.toISOString();
  const last = q.instants[n - 1]!.toISOString();
  const { rows } = await db.execute<{ status: number; band: number; k: number; d: string }>(sql`
    WITH spans AS (
      SELECT s.status, s.since, s.until, s.opened_at FROM report_spans s
      WHERE ${which === 'ended'
        ? sql`s.until IS NOT NULL AND tstzrange(s.since, s.until) && tstzrange(${first}::timestamptz - interval '1 microsecond', ${last}::timestamptz, '[]')`
        : sql`s.until IS NULL AND s.since < ${last}::timestamptz`} AND ${filterSql(q.filters, 's')}
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
