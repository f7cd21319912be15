import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { SLA_KINDS } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, windowEcho, WindowEchoSchema } from './report-params.ts';
import { answer, duration, REPORT_CONFIG, reportResponses, seconds } from './report-response.ts';
import { slaTimes, type Percentiles, type TimeRow } from './times.queries.ts';

const Times = z.object({
  count: z.number().int().describe('Targets that ended (a reply or a solve) and so have a time'),
  mean: z.string().nullable().describe('ISO 8601 duration'),
  p50: z.string().nullable(),
  p90: z.string().nullable(),
  p99: z.string().nullable(),
});

const MetricTimes = z.object({
  metric: z.enum(SLA_KINDS),
  achieved: z.number().int(),
  breached: z.number().int(),
  running: z.number().int(),
  calendar: Times.describe('Wall-clock time from the start of the wait to the reply or solve'),
  business: Times.describe('The SLA clock: business hours of the policy\'s calendar where it has one, time paused (pending, on hold) left out'),
});

const ResponseTimesReportSchema = z
  .object({
    ...WindowEchoSchema,
    metrics: z.array(MetricTimes).describe('Over the whole period'),
    buckets: z.array(z.object({ ...BucketSchema, metrics: z.array(MetricTimes) })),
  })
  .meta({ id: 'ResponseTimesReport', description: 'First response, next response and resolution times: exact percentiles and means, in calendar and business time' });

const times = (p: Percentiles) => ({ count: p.count, mean: duration(p.mean), p50: duration(p.p50), p90: duration(p.p90), p99: duration(p.p99) });
const metricOf = (r: TimeRow) => ({ metric: r.metric, achieved: r.achieved, breached: r.breached, running: r.running, calendar: times(r.calendar), business: times(r.business) });
const ORDER = new Map(SLA_KINDS.map((m, i) => [m, i]));
const byMetric = (a: TimeRow, b: TimeRow) => ORDER.get(a.metric)! - ORDER.get(b.metric)!;

export const responseTimesReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/response-times',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getResponseTimesReport',
        summary: 'First response, next response and resolution: p50, p90, p99 and mean, in calendar and business time, per bucket',
        description:
          'Each SLA target counts in the bucket it started in (a ticket\'s creation for first response and resolution, the customer\'s message for next response). Percentiles are exact over the period\'s targets (not summed from rollups).',
        querystring: ReportWindowQuery,
        response: reportResponses(
          ResponseTimesReportSchema,
          'label,start,end,metric,clock,count,mean_seconds,p50_seconds,p90_seconds,p99_seconds,achieved,breached,running: the period (label `total`), then each bucket, one row per metric and clock',
        ),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const rows = await slaTimes(db, { ...w, metrics: SLA_KINDS, filters: await resolveFilters(db, w.filters), sets: [[], ['bucket']] });
      const total = rows.filter((r) => r.set === 0).sort(byMetric);
      const perBucket = w.buckets.map(() => [] as TimeRow[]);
      for (const r of rows) if (r.set === 1 && r.groups.bucket >= 0) perBucket[r.groups.bucket]?.push(r);
      const json = {
        ...windowEcho(w),
        metrics: total.map(metricOf),
        buckets: w.buckets.map((b, i) => ({ ...bucketEcho(b), metrics: perBucket[i]!.sort(byMetric).map(metricOf) })),
      };
      const lines = (label: string, start: string, end: string, list: TimeRow[]) =>
        list.flatMap((r) =>
          (['calendar', 'business'] as const).map((clockName) => {
            const p = r[clockName];
            return [label, start, end, r.metric, clockName, p.count, seconds(p.mean), seconds(p.p50), seconds(p.p90), seconds(p.p99), r.achieved, r.breached, r.running];
          }),
        );
      return answer(request, reply, json, () => ({
        filename: 'response-times',
        header: ['label', 'start', 'end', 'metric', 'clock', 'count', 'mean_seconds', 'p50_seconds', 'p90_seconds', 'p99_seconds', 'achieved', 'breached', 'running'],
        rows: [...lines('total', json.from, json.to, total), ...w.buckets.flatMap((b, i) => lines(b.label, b.start.toISOString(), b.end.toISOString(), perBucket[i]!))],
      }));
    },
  );
};
