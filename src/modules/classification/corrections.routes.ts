import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/error-responses.ts';
import type { CorrectionRepository } from './corrections.repository.ts';
import { periodOf } from '../reports/period.ts';
import { ClassificationReportSchema, PeriodQuerySchema } from './corrections.schemas.ts';
import { computeMetrics } from './metrics.ts';
import { INQUIRY_TYPES, type InquiryType } from './classification.schemas.ts';
import type { Clock } from '../../shared/clock.ts';

const isType = (value: unknown): value is InquiryType => INQUIRY_TYPES.includes(value as InquiryType);

export const correctionRoutes: FastifyPluginAsyncZod<{ corrections: CorrectionRepository; clock: Clock }> = async (
  app,
  { corrections, clock },
) => {
  app.get(
    '/v1/reports/classification',
    {
      config: { scope: 'reports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'getClassificationReport',
        summary: 'How often agents agree with the model, with a confusion matrix (model vs agents)',
        querystring: PeriodQuerySchema,
        response: { 200: ClassificationReportSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const period = periodOf(request.query, clock);
      const groups = await corrections.agreement(period);
      const pairs: { gold: InquiryType; predicted: InquiryType }[] = [];
      let corrected = 0;
      for (const group of groups) {
        if (!isType(group.modelType) || !isType(group.agentType)) continue;
        if (group.corrected) corrected += group.n;
        for (let i = 0; i < group.n; i++) pairs.push({ gold: group.agentType, predicted: group.modelType });
      }
      const metrics = computeMetrics(INQUIRY_TYPES, pairs);
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        classified: metrics.n,
        corrected,
        agreementRate: metrics.n > 0 ? metrics.accuracy : null,
        macroF1: metrics.n > 0 ? metrics.macroF1 : null,
        perType: metrics.perClass,
        confusion: metrics.confusion,
      };
    },
  );

  app.get(
    '/v1/exports/classification-corrections',
    {
      config: { scope: 'exports:read' },
      schema: {
        tags: ['reports'],
        operationId: 'exportClassificationCorrections',
        summary: 'Agents\' corrections as JSONL, for `npm run train:classifier -- --corrections FILE`',
        description: 'One JSON object per line: ticketId, text, modelType, agentType, modelVersion, modelConfidence, language, correctedBy, correctedAt.',
        querystring: PeriodQuerySchema,
        produces: ['application/x-ndjson'],
        response: {
          200: { description: 'JSON Lines', content: { 'application/x-ndjson': { schema: z.string() } } },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const period = periodOf(request.query, clock, 365);
      const rows = await corrections.export(period);
      const lines = rows.map((row) =>
        JSON.stringify({
          ticketId: row.ticketId,
          text: `${row.subject}\n${row.body ?? ''}`.trim(),
          modelType: row.modelType,
          agentType: row.agentType,
          modelVersion: row.modelVersion,
          modelConfidence: row.modelConfidence,
          language: row.language,
          correctedBy: { type: row.actorType, id: row.actorId },
          correctedAt: row.createdAt.toISOString(),
        }),
      );
      reply.header('content-disposition', 'attachment; filename="classification-corrections.jsonl"');
      return reply.type('application/x-ndjson').serializer((payload: unknown) => payload as string).send(lines.length ? `${lines.join('\n')}\n` : '');
    },
  );
};
