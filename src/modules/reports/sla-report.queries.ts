import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Period } from './period.ts';

const GROUPS = {
  none: sql`'all'`,
  type: sql`coalesce(k.type, 'unclassified')`,
  channel: sql`k.channel`,
  priority: sql`k.priority`,
  agent: sql`coalesce(k.assignee_id, 'unassigned')`,
  team: sql`coalesce(k.team_id, 'none')`,
} as const;

export type SlaGroupBy = keyof typeof GROUPS;

/** The SQL of the SLA report, over the pool it is given (a read replica, later). */
export function createSlaReportQueries(db: Database) {
  return {
    async attainment(period: Period, groupBy: SlaGroupBy) {
      const group = GROUPS[groupBy];
      const result = await db.execute<{
        metric: 'first_response' | 'next_response' | 'resolution';
        group: string;
        achieved: number;
        breached: number;
        running: number;
        p50: number | null;
        p90: number | null;
      }>(sql`
        SELECT t.metric, ${group} AS "group",
          count(*) FILTER (WHERE t.status = 'achieved')::int AS achieved,
          count(*) FILTER (WHERE t.status = 'breached')::int AS breached,
          count(*) FILTER (WHERE t.status IN ('active', 'paused'))::int AS running,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY t.elapsed_ms) FILTER (WHERE t.elapsed_ms IS NOT NULL) AS p50,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY t.elapsed_ms) FILTER (WHERE t.elapsed_ms IS NOT NULL) AS p90
        FROM sla_targets t JOIN tickets k ON k.id = t.ticket_id
        WHERE t.started_at >= ${period.from} AND t.started_at < ${period.to}
        GROUP BY 1, 2
        ORDER BY 1, 2`);
      return result.rows;
    },
  };
}

export type SlaReportQueries = ReturnType<typeof createSlaReportQueries>;
