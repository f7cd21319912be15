import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import type { Clock } from '../../shared/clock.ts';
import { periodOf } from '../classification/corrections.routes.ts';

const GROUPS: Record<string, SQL> = {
  none: sql`'all'`,
  agent: sql`coalesce(agent_id, 'unassigned')`,
  team: sql`coalesce(team_id, 'none')`,
  type: sql`coalesce(ticket_type, 'unclassified')`,
  channel: sql`channel`,
  sla: sql`sla_outcome`,
};

const Stats = z.object({
  sent: z.number().int(),
  answered: z.number().int(),
  responseRate: z.number().nullable().describe('answered / sent'),
  csatScore: z.number().nullable().describe('Share of ratings that are 4 or 5'),
  average: z.number().nullable(),
  ratings: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});

const CsatReportSchema = z
  .object({
    from: Timestamp,
    to: Timestamp,
    groupBy: z.string(),
    total: Stats,
    groups: z.array(Stats.extend({ group: z.string() })),
    trend: z.array(Stats.extend({ period: z.string().describe('Start of the day or ISO week (YYYY-MM-DD)') })),
  })
  .meta({ id: 'CsatReport' });

const CommentSchema = z
  .object({
    surveyId: z.string(),
    ticketId: z.string(),
    rating: z.number().int(),
    comment: z.string(),
    reasons: z.array(z.string()),
    agentId: z.string().nullable(),
    teamId: z.string().nullable(),
    ticketType: z.string().nullable(),
    channel: z.string(),
    slaOutcome: z.string(),
    answeredAt: Timestamp,
  })
  .meta({ id: 'CsatComment' });

type StatRow = { key: string; sent: number; answered: number; avg: number | null; r1: number; r2: number; r3: number; r4: number; r5: number };

const STATS = sql`count(*)::int AS sent, count(rating)::int AS answered, avg(rating)::float AS avg,
  count(*) FILTER (WHERE rating = 1)::int AS r1, count(*) FILTER (WHERE rating = 2)::int AS r2,
  count(*) FILTER (WHERE rating = 3)::int AS r3, count(*) FILTER (WHERE rating = 4)::int AS r4,
  count(*) FILTER (WHERE rating = 5)::int AS r5`;

function stats(row: StatRow) {
  const happy = row.r4 + row.r5;
  return {
    sent: row.sent,
    answered: row.answered,
    responseRate: row.sent ? row.answered / row.sent : null,
    csatScore: row.answered ? happy / row.answered : null,
    average: row.avg === null ? null : Math.round(row.avg * 100) / 100,
    ratings: { 1: row.r1, 2: row.r2, 3: row.r3, 4: row.r4, 5: row.r5 },
  };
}

export const csatReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/csat',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'getCsatReport',
        summary: 'Satisfaction: response rate, CSAT score (share of 4–5), average, by agent, team, type, channel or SLA outcome, with a trend',
        querystring: z.object({
          from: Timestamp.optional().describe('Surveys sent at or after (default: 30 days before `to`)'),
          to: Timestamp.optional(),
          groupBy: z.enum(['none', 'agent', 'team', 'type', 'channel', 'sla']).default('none'),
          interval: z.enum(['day', 'week']).default('day'),
        }),
        response: { 200: CsatReportSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const { groupBy, interval } = request.query;
      const period = periodOf(request.query, clock);
      const where = sql`status IN ('sent', 'answered', 'expired') AND sent_at >= ${period.from} AND sent_at < ${period.to}`;
      const run = async (key: SQL) =>
        (await db.execute<StatRow>(sql`SELECT ${key} AS key, ${STATS} FROM surveys WHERE ${where} GROUP BY 1 ORDER BY 1`)).rows;
      const [total] = await run(sql`'all'`);
      const groups = await run(GROUPS[groupBy]!);
      const trend = await run(sql`to_char(date_trunc(${interval}, sent_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`);
      const empty: StatRow = { key: 'all', sent: 0, answered: 0, avg: null, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0 };
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        groupBy,
        total: stats(total ?? empty),
        groups: groups.map((row) => ({ group: String(row.key), ...stats(row) })),
        trend: trend.map((row) => ({ period: String(row.key), ...stats(row) })),
      };
    },
  );

  app.get(
    '/v1/reports/csat/comments',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'listCsatComments',
        summary: 'Customers\' comments, newest first, with filters',
        querystring: PageQuerySchema.extend({
          from: Timestamp.optional(),
          to: Timestamp.optional(),
          maxRating: z.coerce.number().int().min(1).max(5).optional(),
          minRating: z.coerce.number().int().min(1).max(5).optional(),
          agentId: z.string().max(64).optional(),
          teamId: z.string().max(64).optional(),
          type: z.enum(['question', 'complaint', 'suggestion']).optional(),
          channel: z.string().max(20).optional(),
        }).refine((q) => q.minRating === undefined || q.maxRating === undefined || q.minRating <= q.maxRating, {
          message: 'must not be above maxRating',
          path: ['minRating'],
        }),
        response: { 200: pageOf(CommentSchema).meta({ id: 'CsatCommentPage' }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const period = periodOf(q, clock, 365);
      const after = decodePositionCursor(q.cursor);
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
      const rows = (
        await db.execute<{ id: string; ticket_id: string; rating: number; comment: string; reasons: string[]; agent_id: string | null; team_id: string | null; ticket_type: string | null; channel: string; sla_outcome: string; answered_at: string }>(
          sql`SELECT id, ticket_id, rating, comment, reasons, agent_id, team_id, ticket_type, channel, sla_outcome, answered_at
              FROM surveys WHERE ${sql.join(filters, sql` AND `)} ORDER BY answered_at DESC, id DESC LIMIT ${q.limit + 1}`,
        )
      ).rows.map((row) => ({ ...row, createdAt: new Date(row.answered_at) }));
      return toPage(
        rows,
        q.limit,
        (row) => ({
          surveyId: row.id,
          ticketId: row.ticket_id,
          rating: row.rating,
          comment: row.comment,
          reasons: row.reasons,
          agentId: row.agent_id,
          teamId: row.team_id,
          ticketType: row.ticket_type,
          channel: row.channel,
          slaOutcome: row.sla_outcome,
          answeredAt: row.createdAt.toISOString(),
        }),
        (row) => [row.createdAt.toISOString(), row.id],
      );
    },
  );
};
