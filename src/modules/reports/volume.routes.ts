import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { countFacts, type CountColumn, type CountRow } from './counts.queries.ts';
import { FACT_KINDS, type EnumDimension } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { wordOf } from './names.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, windowEcho, WindowEchoSchema } from './report-params.ts';
import { answer, REPORT_CONFIG, reportResponses } from './report-response.ts';

const DIMENSIONS = ['type', 'channel', 'priority', 'language'] as const satisfies readonly EnumDimension[];
const KINDS = ['created', 'solved', 'reopened'] as const;

const Counts = z.object({
  created: z.number().int().describe('Tickets created'),
  solved: z.number().int().describe('Solves (a ticket solved, reopened and solved again counts twice)'),
  reopened: z.number().int().describe('Solved tickets that were opened again'),
});
const ValueCounts = Counts.extend({ value: z.string() });

const VolumeReportSchema = z
  .object({
    ...WindowEchoSchema,
    groupBy: z.enum(['none', ...DIMENSIONS]),
    totals: Counts,
    buckets: z.array(z.object({ ...BucketSchema, ...Counts.shape, groups: z.array(ValueCounts).optional().describe('Split by `groupBy`') })),
    breakdown: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, z.array(ValueCounts)])) as Record<(typeof DIMENSIONS)[number], z.ZodArray<typeof ValueCounts>>),
  })
  .meta({ id: 'VolumeReport', description: 'Tickets created, solved and reopened per bucket, and over the period by type, channel, priority and language' });

const zero = () => ({ created: 0, solved: 0, reopened: 0 });
const KIND_NAME = new Map<number, (typeof KINDS)[number]>(KINDS.map((k) => [FACT_KINDS[k], k]));

export const volumeReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/volume',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getVolumeReport',
        summary: 'Tickets created, solved and reopened per bucket, and by type, channel, priority and language',
        querystring: ReportWindowQuery.extend({ groupBy: z.enum(['none', ...DIMENSIONS]).default('none').describe('Split each bucket by this dimension') }),
        response: reportResponses(VolumeReportSchema, 'label,start,end,group,value,created,solved,reopened: one row per bucket (group `all`), and one per value of `groupBy` in it'),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const { groupBy } = request.query;
      const sets: CountColumn[][] = [['bucket', 'kind'], ...DIMENSIONS.map((d): CountColumn[] => ['kind', d])];
      if (groupBy !== 'none') sets.push(['bucket', 'kind', groupBy]);
      const rows = await countFacts(db, { kinds: KINDS, buckets: w.buckets, filters: await resolveFilters(db, w.filters), sets });

      const add = (target: ReturnType<typeof zero>, row: CountRow) => {
        const kind = KIND_NAME.get(row.kind);
        if (kind) target[kind] += row.n;
      };
      const series = w.buckets.map(() => zero());
      const groups = w.buckets.map(() => new Map<string, ReturnType<typeof zero>>());
      const breakdown = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, ReturnType<typeof zero>>()])) as Record<EnumDimension, Map<string, ReturnType<typeof zero>>>;
      const into = (map: Map<string, ReturnType<typeof zero>>, value: string) => map.get(value) ?? map.set(value, zero()).get(value)!;
      for (const row of rows) {
        if (row.set === 0) add(series[row.bucket]!, row);
        else if (row.set <= DIMENSIONS.length) {
          const d = DIMENSIONS[row.set - 1]!;
          add(into(breakdown[d], wordOf[d](row[d])), row);
        } else if (groupBy !== 'none') add(into(groups[row.bucket]!, wordOf[groupBy](row[groupBy])), row);
      }
      const totals = series.reduce((sum, b) => ({ created: sum.created + b.created, solved: sum.solved + b.solved, reopened: sum.reopened + b.reopened }), zero());
      const listOf = (map: Map<string, ReturnType<typeof zero>>) => [...map].map(([value, c]) => ({ value, ...c })).sort((a, b) => b.created - a.created || a.value.localeCompare(b.value));
      const json = {
        ...windowEcho(w),
        groupBy,
        totals,
        buckets: w.buckets.map((b, i) => ({ ...bucketEcho(b), ...series[i]!, ...(groupBy !== 'none' ? { groups: listOf(groups[i]!) } : {}) })),
        breakdown: Object.fromEntries(DIMENSIONS.map((d) => [d, listOf(breakdown[d])])) as Record<(typeof DIMENSIONS)[number], ReturnType<typeof listOf>>,
      };
      return answer(request, reply, json, () => ({
        filename: 'volume',
        header: ['label', 'start', 'end', 'group', 'value', 'created', 'solved', 'reopened'],
        rows: json.buckets.flatMap((b) => [
          [b.label, b.start, b.end, 'all', '', b.created, b.solved, b.reopened],
          ...(b.groups ?? []).map((g) => [b.label, b.start, b.end, groupBy, g.value, g.created, g.solved, g.reopened]),
        ]),
      }));
    },
  );
};
