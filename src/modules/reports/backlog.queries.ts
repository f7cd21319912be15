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
