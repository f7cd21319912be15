import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Period } from './period.ts';
import type { KeysetPosition } from '../../db/keyset.ts';

const GROUPS: Record<string, SQL> = {
  none: sql`'all'`,
  agent: sql`coalesce(agent_id, 'unassigned')`,
  team: sql`coalesce(team_id, 'none')`,
  type: sql`coalesce(ticket_type, 'unclassified')`,
  channel: sql`channel`,
  sla: sql`sla_outcome`,
};

export type StatRow = { key: string; sent: number; answered: number; avg: number | null; r1: number; r2: number; r3: number; r4: number; r5: number };

const STATS = sql`count(*)::int AS sent, count(rating)::int AS answered, avg(rating)::float AS avg,
  count(*) FILTER (WHERE rating = 1)::int AS r1, count(*) FILTER (WHERE rating = 2)::int AS r2,
  count(*) FILTER (WHERE rating = 3)::int AS r3, count(*) FILTER (WHERE rating = 4)::int AS r4,
  count(*) FILTER (WHERE rating = 5)::int AS r5`;

const SENT = (period: Period) => sql`status IN ('sent', 'answered', 'expired') AND sent_at >= ${period.from} AND sent_at < ${period.to}`;

export interface CommentFilters {
  maxRating?: number | undefined;
  minRating?: number | undefined;
  agentId?: string | undefined;
  teamId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
}

/** The SQL of the satisfaction reports, over the pool they are given (a read replica, later). */
export function createCsatReportQueries(db: Database) {
  const run = async (period: Period, key: SQL) =>
    (await db.execute<StatRow>(sql`SELECT ${key} AS key, ${STATS} FROM surveys WHERE ${SENT(period)} GROUP BY 1 ORDER BY 1`)).rows;
  return {
    async ratings(period: Period, groupBy: string, interval: string) {
      const [total] = await run(period, sql`'all'`);
      const groups = await run(period, GROUPS[groupBy]!);
      const trend = await run(period, sql`to_char(date_trunc(${interval}, sent_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`);
      return { total, groups, trend };
    },
    async comments(period: Period, q: CommentFilters, after: KeysetPosition | undefined, limit: number) {
      const filters = [
        sql`comment IS NOT NULL`,
        sql`answered_at >= ${period.from} AND answered_at < ${period.to}`,
        q.maxRating ? sql`rating <= ${q.maxRating}` : undefined,
        q.minRating ? sql`rating >= ${q.minRating}` : undefined,
        q.agentId ? sql`agent_id = ${q.agentId}` : undefined,
        q.teamId ? sql`team_id = ${q.teamId}` : undefined,
        q.type ? sql`ticket_type = ${q.type}` : undefined,
        q.channel ? sql`channel = ${q.channel}` : undefined,
        after ? sql`(answered_at, id) < (${after.createdAt}, ${after.id})` : undefined,
      ].filter((f): f is SQL => f !== undefined);
      return (
        await db.execute<{ id: string; ticket_id: string; rating: number; comment: string; reasons: string[]; agent_id: string | null; team_id: string | null; ticket_type: string | null; channel: string; sla_outcome: string; answered_at: string }>(
          sql`SELECT id, ticket_id, rating, comment, reasons, agent_id, team_id, ticket_type, channel, sla_outcome, answered_at
              FROM surveys WHERE ${sql.join(filters, sql` AND `)} ORDER BY answered_at DESC, id DESC LIMIT ${limit}`,
        )
      ).rows.map((row) => ({ ...row, createdAt: new Date(row.answered_at) }));
    },
  };
}

export type CsatReportQueries = ReturnType<typeof createCsatReportQueries>;
