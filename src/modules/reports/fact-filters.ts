import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { CHANNELS, codeOf, PRIORITIES, TYPES } from './dimensions.ts';
import type { ReportFilters } from './report-params.ts';

/** The filters as codes and keys, ready for SQL over facts, spans and (without people) the daily rollup. */
export interface ResolvedFilters {
  type?: number[];
  channel?: number[];
  priority?: number[];
  /** (no report filters by language yet; the rollups could) */
  language?: number[];
  team?: number[];
  agent?: number[];
}

/** Agent and team ids to their keys: `none` is 0, an id never seen matches nothing (-1). */
export async function resolveFilters(db: Executor, filters: ReportFilters): Promise<ResolvedFilters> {
  const refs = [...(filters.teamId ?? []), ...(filters.agentId ?? [])].filter((id) => id !== 'none');
  const keys = new Map<string, number>();
  if (refs.length) {
    const { rows } = await db.execute<{ id: number; ref: string }>(sql`SELECT id, ref FROM report_keys WHERE ref = ANY(${sql.param(refs)}::text[])`);
    for (const row of rows) keys.set(row.ref, row.id);
  }
  const toKeys = (list: readonly string[] | undefined) => list?.map((id) => (id === 'none' ? 0 : (keys.get(id) ?? -1)));
  const codes = (values: readonly string[], list: readonly string[] | undefined) => list?.map((v) => codeOf(values, v));
  const out: ResolvedFilters = {};
  const set = (name: keyof ResolvedFilters, value: number[] | undefined) => {
    if (value) out[name] = value;
  };
  set('type', codes(TYPES, filters.type));
  set('channel', codes(CHANNELS, filters.channel));
  set('priority', codes(PRIORITIES, filters.priority));
  set('team', toKeys(filters.teamId));
  set('agent', toKeys(filters.agentId));
  return out;
}

/** True when the daily rollup can answer (it has no agent or team). */
export const rollupCan = (filters: ResolvedFilters) => !filters.team && !filters.agent;

/** `AND`-ed conditions on a table aliased `alias`. */
export function filterSql(filters: ResolvedFilters, alias: string): SQL {
  const parts = (Object.entries(filters) as [keyof ResolvedFilters, number[]][]).map(
    ([column, values]) => sql`${sql.raw(`${alias}.${column}`)} = ANY(${sql.param(values)}::int[])`,
  );
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}
