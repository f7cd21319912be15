import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SlaReportQueries } from './sla-report.queries.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import type { Clock } from '../../shared/clock.ts';
import { periodOf } from './period.ts';
import { msToDuration } from '../sla/durations.ts';

const ReportQuerySchema = z.object({
  from: Timestamp.optional().describe('Targets started at or after (default: 30 days before `to`)'),
  to: Timestamp.optional().describe('Targets started before (default: now)'),
  groupBy: z.enum(['none', 'type', 'channel', 'priority', 'agent', 'team']).default('none'),
});

const RowSchema = z.object({
  metric: z.enum(['first_response', 'next_response', 'resolution']),
  group: z.string().describe('The value of `groupBy` (a type, channel, priority, agent id or team id)'),
  completed: z.number().int().describe('Targets achieved or breached'),
  achieved: z.number().int(),
  breached: z.number().int(),
  running: z.number().int().describe('Targets still active or paused'),
  attainment: z.number().nullable().describe('achieved / completed'),
  p50: z.string().nullable().describe('Median time to reply or resolve (ISO 8601), in business time where the policy uses it'),
  p90: z.string().nullable(),
});

const SlaReportSchema = z
  .object({ from: Timestamp, to: Timestamp, groupBy: z.string(), rows: z.array(RowSchema) })
  .meta({ id: 'SlaReport' });

export const slaReportRoutes: FastifyPluginAsyncZod<{ queries: SlaReportQueries; clock: Clock }> = async (app, { queries, clock }) => {
  app.get(
    '/v1/reports/sla',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'getSlaReport',
        summary: 'SLA attainment and reply/resolution time percentiles per metric, by type, channel, priority, agent or team',
        querystring: ReportQuerySchema,
        response: { 200: SlaReportSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const period = periodOf(request.query, clock);
      const result = await queries.attainment(period, request.query.groupBy);
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        groupBy: request.query.groupBy,
        rows: result.map((row) => {
          const completed = row.achieved + row.breached;
          return {
            metric: row.metric,
            group: String(row.group),
            completed,
            achieved: row.achieved,
            breached: row.breached,
            running: row.running,
            attainment: completed > 0 ? row.achieved / completed : null,
            p50: row.p50 === null ? null : msToDuration(Math.round(Number(row.p50))),
            p90: row.p90 === null ? null : msToDuration(Math.round(Number(row.p90))),
          };
        }),
      };
    },
  );
};
