import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { Timestamp } from '../../http/common.schemas.ts';
import { AGE_BANDS, backlogAt } from './backlog.queries.ts';
import { OPEN_STATUSES } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, windowEcho, WindowEchoSchema } from './report-params.ts';
import { answer, REPORT_CONFIG, reportResponses } from './report-response.ts';

const OLDEST_FIRST = [...AGE_BANDS].reverse().map((b) => b.band);
const ByStatus = z.object(Object.fromEntries(OPEN_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof OPEN_STATUSES)[number], z.ZodNumber>);

const BacklogReportSchema = z
  .object({
    ...WindowEchoSchema,
    ageBands: z.array(z.string()).describe('Age bands (time since the ticket was created), oldest first'),
    buckets: z.array(
      z.object({
        ...BucketSchema,
        at: Timestamp.describe('The instant counted: the end of the bucket'),
        total: z.number().int().describe('Tickets open (new, open, pending or on hold) at that instant'),
        byStatus: ByStatus,
        byAge: z.array(z.object({ band: z.string(), total: z.number().int(), byStatus: ByStatus })).describe('Oldest first'),
      }),
    ),
  })
  .meta({ id: 'BacklogReport', description: 'Open tickets at the end of each bucket, by status and by age, oldest first' });

const zeros = () => Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0])) as Record<(typeof OPEN_STATUSES)[number], number>;

export const backlogReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/backlog',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getBacklogReport',
        summary: 'Open tickets at the end of each bucket, by status and age band, oldest first',
        description: 'A ticket counts where it stood at that instant (status history from its events), filtered and grouped by its type, channel, priority, team and assignee now.',
        querystring: ReportWindowQuery,
        response: reportResponses(BacklogReportSchema, `label,at,total,${OPEN_STATUSES.join(',')},${OLDEST_FIRST.join(',')}: one row per bucket end`),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const rows = await backlogAt(db, { instants: w.buckets.map((b) => b.end), filters: await resolveFilters(db, w.filters) });
      const points = w.buckets.map(() => ({ total: 0, byStatus: zeros(), bands: AGE_BANDS.map(() => ({ total: 0, byStatus: zeros() })) }));
      for (const row of rows) {
        const point = points[row.at];
        const status = OPEN_STATUSES[row.status - 1];
        if (!point || !status) continue;
        point.total += row.n;
        point.byStatus[status] += row.n;
        point.bands[row.band]!.total += row.n;
        point.bands[row.band]!.byStatus[status] += row.n;
      }
      const json = {
        ...windowEcho(w),
        ageBands: OLDEST_FIRST,
        buckets: w.buckets.map((b, i) => {
          const p = points[i]!;
          return {
            ...bucketEcho(b),
            at: b.end.toISOString(),
            total: p.total,
            byStatus: p.byStatus,
            byAge: AGE_BANDS.map((band, j) => ({ band: band.band, ...p.bands[j]! })).reverse(),
          };
        }),
      };
      return answer(request, reply, json, () => ({
        filename: 'backlog',
        header: ['label', 'at', 'total', ...OPEN_STATUSES, ...OLDEST_FIRST],
        rows: json.buckets.map((b) => [b.label, b.at, b.total, ...OPEN_STATUSES.map((s) => b.byStatus[s]), ...b.byAge.map((a) => a.total)]),
      }));
    },
  );
};
