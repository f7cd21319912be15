import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { SLA_KINDS } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { peopleOf, wordOf } from './names.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, windowEcho, WindowEchoSchema } from './report-params.ts';
import { answer, duration, ratio, REPORT_CONFIG, reportResponses, seconds } from './report-response.ts';
import { slaTimes, type TimeGroup, type TimeRow } from './times.queries.ts';

const GROUPS = ['none', 'type', 'channel', 'priority', 'agent', 'team'] as const;

const RowSchema = z.object({
  metric: z.enum(SLA_KINDS),
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
  .object({
    ...WindowEchoSchema,
    groupBy: z.string(),
    rows: z.array(RowSchema),
    buckets: z.array(z.object({ ...BucketSchema, rows: z.array(RowSchema.omit({ group: true })).describe('Per metric, all groups together') })),
  })
  .meta({ id: 'SlaReport' });

function rowOf(row: TimeRow) {
  const completed = row.achieved + row.breached;
  return {
    metric: row.metric,
    completed,
    achieved: row.achieved,
    breached: row.breached,
    running: row.running,
    attainment: ratio(row.achieved, completed),
    p50: duration(row.business.p50),
    p90: duration(row.business.p90),
  };
}

const ORDER = new Map(SLA_KINDS.map((m, i) => [m, i]));

export const slaReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/sla',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getSlaReport',
        summary: 'SLA attainment and reply/resolution time percentiles per metric, by type, channel, priority, agent or team, with a series per bucket',
        description: 'Targets are counted in the bucket they started in. `agent` is who ended a response target with a reply (else the assignee), the assignee for resolution.',
        querystring: ReportWindowQuery.extend({
          from: ReportWindowQuery.shape.from.describe('Targets started at or after (default: 30 days before `to`)'),
          to: ReportWindowQuery.shape.to.describe('Targets started before (default: now)'),
          groupBy: z.enum(GROUPS).default('none'),
        }),
        response: reportResponses(SlaReportSchema, 'label,start,end,group,metric,completed,achieved,breached,running,attainment,p50_seconds,p90_seconds: the period (label `total`) by group, then each bucket'),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const { groupBy } = request.query;
      const group: TimeGroup[] = groupBy === 'none' ? [] : [groupBy];
      const rows = await slaTimes(db, { ...w, metrics: SLA_KINDS, filters: await resolveFilters(db, w.filters), sets: [group, ['bucket']] });
      const people = groupBy === 'agent' || groupBy === 'team' ? await peopleOf(db, rows.map((r) => r.groups[groupBy])) : new Map();
      const nameOf = (row: TimeRow): string => {
        if (groupBy === 'none') return 'all';
        if (groupBy === 'agent' || groupBy === 'team') return people.get(row.groups[groupBy])?.id ?? (groupBy === 'agent' ? 'unassigned' : 'none');
        return wordOf[groupBy](row.groups[groupBy]);
      };
      const byMetric = (a: TimeRow, b: TimeRow) => ORDER.get(a.metric)! - ORDER.get(b.metric)!;
      const totals = rows.filter((r) => r.set === 0).sort((a, b) => byMetric(a, b) || nameOf(a).localeCompare(nameOf(b)));
      const perBucket = w.buckets.map(() => [] as TimeRow[]);
      for (const r of rows) if (r.set === 1 && r.groups.bucket >= 0) perBucket[r.groups.bucket]?.push(r);
      for (const list of perBucket) list.sort(byMetric);
      const json = {
        ...windowEcho(w),
        groupBy,
        rows: totals.map((r) => ({ ...rowOf(r), group: nameOf(r) })),
        buckets: w.buckets.map((b, i) => ({ ...bucketEcho(b), rows: perBucket[i]!.map(rowOf) })),
      };
      const cells = (r: TimeRow) => {
        const x = rowOf(r);
        return [r.metric, x.completed, x.achieved, x.breached, x.running, x.attainment, seconds(r.business.p50), seconds(r.business.p90)];
      };
      return answer(request, reply, json, () => ({
        filename: 'sla',
        header: ['label', 'start', 'end', 'group', 'metric', 'completed', 'achieved', 'breached', 'running', 'attainment', 'p50_seconds', 'p90_seconds'],
        rows: [
          ...totals.map((r) => ['total', json.from, json.to, nameOf(r), ...cells(r)]),
          ...w.buckets.flatMap((b, i) => perBucket[i]!.map((r) => [b.label, b.start.toISOString(), b.end.toISOString(), 'all', ...cells(r)])),
        ],
      }));
    },
  );
};
