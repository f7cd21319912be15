import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import type { Clock } from '../../shared/clock.ts';
import { periodOf } from '../classification/corrections.routes.ts';
import { msToDuration } from './durations.ts';

const GROUPS = {
  none: sql`'all'`,
  type: sql`coalesce(k.type, 'unclassified')`,
  channel: sql`k.channel`,
  priority: sql`k.priority`,
  agent: sql`coalesce(k.assignee_id, 'unassigned')`,
  team: sql`coalesce(k.team_id, 'none')`,
} as const;

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

export const slaReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
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
      const group = GROUPS[request.query.groupBy];
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
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        groupBy: request.query.groupBy,
        rows: result.rows.map((row) => {
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
