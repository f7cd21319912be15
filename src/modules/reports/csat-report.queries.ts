import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Period } from './period.ts';
import type { KeysetPosition } from '../../db/keyset.ts';

export interface CommentFilters {
  maxRating?: number | undefined;
  minRating?: number | undefined;
  agentId?: string | undefined;
  teamId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
}

/** Customers' comments (a list, not an aggregate: read from the surveys), over the pool it is given. */
export function createCsatReportQueries(db: Database) {
  return {
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
