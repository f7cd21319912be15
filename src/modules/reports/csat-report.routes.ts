import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CsatReportQueries, StatRow } from './csat-report.queries.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { decodePositionCursor, pageOf, PageQuerySchema, toPage } from '../../http/pagination.ts';
import type { Clock } from '../../shared/clock.ts';
import { periodOf } from './period.ts';

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

export const csatReportRoutes: FastifyPluginAsyncZod<{ queries: CsatReportQueries; clock: Clock }> = async (app, { queries, clock }) => {
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
      const { total, groups, trend } = await queries.ratings(period, groupBy, interval);
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
      const rows = await queries.comments(period, q, after, q.limit + 1);
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
