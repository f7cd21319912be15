import type { SlaTarget } from './sla.schemas.ts';
import type { SlaTargetRow } from './sla.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const ORDER = { first_response: 0, next_response: 1, resolution: 2 } as const;

/** One entry per metric: the latest cycle of each (next_response repeats). */
export function presentSla(rows: SlaTargetRow[]): SlaTarget[] {
  const latest = new Map<string, SlaTargetRow>();
  for (const row of rows) {
    const seen = latest.get(row.metric);
    if (!seen || seen.cycle < row.cycle) latest.set(row.metric, row);
  }
  return [...latest.values()]
    .sort((a, b) => ORDER[a.metric] - ORDER[b.metric])
    .map((row) => ({
      metric: row.metric,
      dueAt: row.dueAt.toISOString(),
      status: row.status,
      breachedAt: iso(row.breachedAt),
      achievedAt: iso(row.achievedAt),
      cycle: row.cycle,
      startedAt: row.startedAt.toISOString(),
      warnAt: iso(row.warnAt),
      pausedAt: iso(row.pausedAt),
    }));
}
