import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { ClassificationReportSchema } from '../classification/corrections.schemas.ts';
import { computeMetrics } from '../classification/metrics.ts';
import { INQUIRY_TYPES, type InquiryType } from '../classification/classification.schemas.ts';
import { countFacts, type CountRow } from './counts.queries.ts';
import { TYPES, valueOf } from './dimensions.ts';
import { resolveFilters } from './fact-filters.ts';
import { BucketSchema, bucketEcho, reportWindow, ReportWindowQuery, WindowEchoSchema } from './report-params.ts';
import { answer, ratio, REPORT_CONFIG, reportResponses } from './report-response.ts';

const Agreement = z.object({ classified: z.number().int(), corrected: z.number().int(), agreementRate: z.number().nullable() });

const ReportSchema = ClassificationReportSchema.extend({
  ...WindowEchoSchema,
  buckets: z.array(z.object({ ...BucketSchema, ...Agreement.shape })).describe('Tickets created in each bucket'),
});

/** created facts carry the type now (`type`), the model's (`detail`) and whether an agent corrected it (`outcome`). */
const pairOf = (row: CountRow) => {
  const gold = valueOf(TYPES, row.type) as InquiryType | null;
  const predicted = valueOf(TYPES, row.detail) as InquiryType | null;
  return gold && predicted ? { gold, predicted, count: row.n, corrected: row.outcome === 1 } : null;
};

export const classificationReportRoutes: FastifyPluginAsyncZod<{ db: Database; clock: Clock }> = async (app, { db, clock }) => {
  app.get(
    '/v1/reports/classification',
    {
      config: REPORT_CONFIG,
      schema: {
        tags: ['reports'],
        operationId: 'getClassificationReport',
        summary: 'How often agents agree with the model, with a confusion matrix (model vs agents), per bucket',
        querystring: ReportWindowQuery,
        response: reportResponses(ReportSchema, 'label,start,end,classified,corrected,agreement_rate: the period (label `total`), then each bucket'),
      },
    },
    async (request, reply) => {
      const w = reportWindow(request.query, clock);
      const rows = await countFacts(db, {
        kinds: ['created'],
        buckets: w.buckets,
        filters: await resolveFilters(db, w.filters),
        sets: [['type', 'detail', 'outcome'], ['bucket', 'type', 'detail', 'outcome']],
      });
      const pairs = rows.filter((r) => r.set === 0).map(pairOf).filter((p) => p !== null);
      const metrics = computeMetrics(INQUIRY_TYPES, pairs);
      const perBucket = w.buckets.map(() => ({ classified: 0, corrected: 0, agreed: 0 }));
      for (const row of rows) {
        const pair = row.set === 1 ? pairOf(row) : null;
        const b = pair && perBucket[row.bucket];
        if (!pair || !b) continue;
        b.classified += pair.count;
        if (pair.corrected) b.corrected += pair.count;
        if (pair.gold === pair.predicted) b.agreed += pair.count;
      }
      const json = {
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        timeZone: w.timeZone,
        bucket: w.bucket,
        classified: metrics.n,
        corrected: pairs.reduce((sum, p) => sum + (p.corrected ? p.count : 0), 0),
        agreementRate: metrics.n > 0 ? metrics.accuracy : null,
        macroF1: metrics.n > 0 ? metrics.macroF1 : null,
        perType: metrics.perClass,
        confusion: metrics.confusion,
        buckets: w.buckets.map((b, i) => ({ ...bucketEcho(b), classified: perBucket[i]!.classified, corrected: perBucket[i]!.corrected, agreementRate: ratio(perBucket[i]!.agreed, perBucket[i]!.classified) })),
      };
      return answer(request, reply, json, () => ({
        filename: 'classification',
        header: ['label', 'start', 'end', 'classified', 'corrected', 'agreement_rate'],
        rows: [['total', json.from, json.to, json.classified, json.corrected, json.agreementRate], ...json.buckets.map((b) => [b.label, b.start, b.end, b.classified, b.corrected, b.agreementRate])],
      }));
    },
  );
};
